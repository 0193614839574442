import type { ReactNode } from "react";
import { Card, Metric } from "@tremor/react";
import { formatMoneyPrecise } from "@/lib/money/format";

/** A headline figure with what it means underneath; `exact` (a decimal amount) shows on hover. */
export function StatCard({
  title,
  value,
  testId,
  exact,
  children,
}: {
  title: ReactNode;
  value: ReactNode;
  testId?: string;
  exact?: string;
  children?: ReactNode;
}) {
  return (
    <Card className="min-w-0">
      <p className="text-sm text-tremor-content">{title}</p>
      <Metric
        className="mt-1 break-words tabular-nums"
        data-testid={testId}
        title={exact ? `exactly ${formatMoneyPrecise(exact, "USD", 6)}` : undefined}
      >
        {value}
      </Metric>
      {children ? <div className="mt-2 text-xs text-tremor-content">{children}</div> : null}
    </Card>
  );
}
