import { Button, Callout } from "@tremor/react";

/**
 * Loading and error states shared by every data panel: a skeleton of the panel's final height
 * (`skeletonClassName`, so that nothing jumps when the data arrives), and the panel's own error with
 * a Retry (`onRetry`), so that one failing panel does not take the page down.
 */
export function QueryState({
  isLoading,
  error,
  label,
  onRetry,
  skeletonClassName,
}: {
  isLoading: boolean;
  error: unknown;
  label: string;
  onRetry?: () => void;
  skeletonClassName?: string;
}) {
  if (isLoading) {
    if (skeletonClassName) {
      return (
        <div
          role="status"
          aria-label={`Loading ${label}`}
          className={`animate-pulse rounded bg-tremor-background-subtle ${skeletonClassName}`}
        />
      );
    }
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
        {onRetry ? (
          // A span: Tremor's Callout puts its children in a <p>, where a <div> is not allowed.
          <span className="mt-2 block">
            <Button size="xs" variant="secondary" onClick={onRetry}>
              Retry
            </Button>
          </span>
        ) : null}
      </Callout>
    );
  }
  return null;
}
