import type { ReactNode } from "react";

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-xl font-semibold text-tremor-content-strong">{title}</h1>
        {description ? <p className="mt-1 max-w-2xl text-sm text-tremor-content">{description}</p> : null}
      </div>
      {actions}
    </div>
  );
}
