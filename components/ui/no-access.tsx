import { Callout } from "@tremor/react";

export function NoAccess({ role, what }: { role: string; what: string }) {
  return (
    <Callout title="You don't have access to this page" color="amber">
      Your role ({role}) cannot {what}. Ask an owner or admin of this organisation.
    </Callout>
  );
}
