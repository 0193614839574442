"use client";

import { Callout, Card, ProgressBar } from "@tremor/react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import { QueryState } from "@/components/ui/query-state";
import { formatCount, jobScope } from "./format-price";
import { pricingKeys } from "./pricing-keys";
import type { RepriceJob } from "./types";
import { apiUrl } from "@/lib/client/api-url";

const isActive = (j: RepriceJob) => j.status === "queued" || j.status === "running";
const SHOW_FINISHED_MS = 8_000;

/** Progress of queued and running re-pricing jobs, polled every second while any is active. */
export function RepriceProgress({ orgSlug }: { orgSlug: string }) {
  const client = useQueryClient();
  const jobs = useQuery({
    queryKey: pricingKeys.jobs(orgSlug),
    queryFn: () =>
      apiFetch<{ items: RepriceJob[] }>(apiUrl("/api/orgs/{org}/reprice-jobs", { params: { org: orgSlug } })),
    refetchInterval: (q) => (q.state.data?.items.some(isActive) ? 1_000 : false),
  });
  const [mountedAt] = useState(() => Date.now());
  const seenActive = useRef(new Set<string>());
  const shown = useRef(new Set<string>());
  const [finished, setFinished] = useState<RepriceJob | null>(null);

  useEffect(() => {
    const items = jobs.data?.items ?? [];
    const justFinished = items.find(
      (j) =>
        !isActive(j) &&
        !shown.current.has(j.id) &&
        (seenActive.current.has(j.id) || (j.finishedAt !== null && new Date(j.finishedAt).getTime() >= mountedAt)),
    );
    for (const j of items) if (isActive(j)) seenActive.current.add(j.id);
    if (!justFinished) return;
    shown.current.add(justFinished.id);
    setFinished(justFinished);
    for (const key of [pricingKeys.unpriced, pricingKeys.catalog])
      void client.invalidateQueries({ queryKey: key(orgSlug) });
  }, [jobs.data, mountedAt, client, orgSlug]);

  useEffect(() => {
    if (!finished) return;
    const t = setTimeout(() => setFinished(null), SHOW_FINISHED_MS);
    return () => clearTimeout(t);
  }, [finished]);

  const active = (jobs.data?.items ?? []).filter(isActive);
  if (jobs.error) return <QueryState isLoading={false} error={jobs.error} label="re-pricing progress" />;
  if (active.length === 0 && !finished) return null;

  return (
    <Card className="space-y-4" aria-live="polite">
      <h2 className="font-medium text-tremor-content-strong">Re-pricing</h2>
      {active.map((j) => (
        <div key={j.id} data-testid="reprice-job" className="space-y-1">
          <p className="text-sm text-tremor-content-emphasis">
            Re-pricing <span className="font-medium">{jobScope(j)}</span>:{" "}
            {j.status === "queued" ? "waiting to start…" : `${formatCount(j.done)} / ${formatCount(j.total)} events`}
          </p>
          <ProgressBar value={j.total > 0 ? Math.min(100, (j.done / j.total) * 100) : 0} color="blue" showAnimation />
        </div>
      ))}
      {finished ? (
        finished.status === "failed" ? (
          <Callout title={`Re-pricing ${jobScope(finished)} failed`} color="rose">
            {finished.error ?? "Unknown error"}
          </Callout>
        ) : (
          <Callout title={`Re-priced ${jobScope(finished)}`} color="emerald" data-testid="reprice-finished">
            {finished.done === 0
              ? "No recorded events were affected."
              : `${formatCount(finished.done)} ${finished.done === 1 ? "event" : "events"} re-priced.`}
          </Callout>
        )
      ) : null}
    </Card>
  );
}
