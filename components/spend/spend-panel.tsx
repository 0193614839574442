"use client";

import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { Card } from "@tremor/react";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import type { SpendResponse } from "./types";

type Props = {
  title: string;
  subtitle?: ReactNode;
  query: UseQueryResult<SpendResponse>;
  /** Used in "Loading …" and "Could not load …". */
  label: string;
  emptyTitle?: string;
  isEmpty?: (data: SpendResponse) => boolean;
  testId?: string;
  className?: string;
  /** Classes of the loading skeleton: the height of the final content (a chart's h-72). */
  skeletonClassName?: string;
  /** Buttons beside the title, shown once there is data. */
  actions?: (data: SpendResponse) => ReactNode;
  children: (data: SpendResponse) => ReactNode;
};

/** A card around one spend query with its loading, error and empty states. */
export function SpendPanel({
  title,
  subtitle,
  query,
  label,
  emptyTitle = "No spend in this period",
  isEmpty,
  testId,
  className,
  skeletonClassName,
  actions,
  children,
}: Props) {
  const empty = query.data ? (isEmpty ? isEmpty(query.data) : query.data.series.length === 0) : false;
  return (
    <Card className={`min-w-0 ${className ?? ""}`} data-testid={testId}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 className="font-medium text-tremor-content-strong">{title}</h2>
          {subtitle ? <p className="text-sm text-tremor-content">{subtitle}</p> : null}
        </div>
        {query.data && !empty && actions ? actions(query.data) : null}
      </div>
      <div className="mt-4">
        <QueryState
          isLoading={query.isLoading}
          error={query.error}
          label={label}
          onRetry={() => void query.refetch()}
          skeletonClassName={skeletonClassName}
        />
        {query.data && empty ? <EmptyState title={emptyTitle} /> : null}
        {query.data && !empty ? children(query.data) : null}
      </div>
    </Card>
  );
}
