import { Callout } from "@tremor/react";

/** Loading and error states shared by every data panel. */
export function QueryState({ isLoading, error, label }: { isLoading: boolean; error: unknown; label: string }) {
  if (isLoading) {
    return (
      <div role="status" aria-label={`Loading ${label}`} className="space-y-2">
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-8 animate-pulse rounded bg-tremor-background-subtle" />
        ))}
      </div>
    );
  }
  if (error) {
    return (
      <Callout title={`Could not load ${label}`} color="rose">
        {error instanceof Error ? error.message : "Unknown error"}
      </Callout>
    );
  }
  return null;
}
