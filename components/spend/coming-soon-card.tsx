import type { ReactNode } from "react";
import { Badge, Card } from "@tremor/react";

/** A placeholder for a panel whose feature is not built yet: no made-up numbers. */
export function ComingSoonCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card className="min-w-0" data-testid="coming-soon">
      <div className="flex items-center justify-between gap-2">
        <h2 className="font-medium text-tremor-content-strong">{title}</h2>
        <Badge color="gray">Coming soon</Badge>
      </div>
      <p className="mt-2 text-sm text-tremor-content">{children}</p>
    </Card>
  );
}
