import type { ReactNode } from "react";

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-tremor-default border border-dashed border-tremor-border bg-tremor-background px-6 py-10 text-center">
      <p className="font-medium text-tremor-content-strong">{title}</p>
      {children ? <div className="mt-2 text-sm text-tremor-content">{children}</div> : null}
    </div>
  );
}
