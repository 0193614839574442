import type { ReactNode } from "react";
import { Card, Metric } from "@tremor/react";

/** A headline figure with what it means underneath. */
export function StatCard({
  title,
  value,
  testId,
  children,
}: {
  title: ReactNode;
  value: ReactNode;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <Card className="min-w-0">
      <p className="text-sm text-tremor-content">{title}</p>
      <Metric className="mt-1 truncate tabular-nums" data-testid={testId}>
        {value}
      </Metric>
      {children ? <div className="mt-2 text-xs text-tremor-content">{children}</div> : null}
    </Card>
  );
}
