"use client";

import { Card, Text, Title } from "@tremor/react";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { KIND_LABEL, signedMoney } from "./anomaly-format";

/** The Overview's anomalies panel: the open ones, largest first, linking to their detail. */
export function OpenAnomaliesCard({ orgSlug }: { orgSlug: string }) {
  const q = useQuery({
    queryKey: ["anomalies", orgSlug, "open-panel"],
    queryFn: () =>
      apiFetch<ApiResponse<"orgAnomalies.list">>(
        apiUrl("/api/orgs/{org}/anomalies", { params: { org: orgSlug }, query: { status: "open" } }),
      ),
  });
  const items = q.data?.items ?? [];
  return (
    <Card data-testid="open-anomalies">
      <div className="flex items-baseline justify-between">
        <Title>Open anomalies</Title>
        <Link className="text-sm text-tremor-brand underline" href={`/${orgSlug}/anomalies`}>
          All anomalies
        </Link>
      </div>
      {q.data && items.length === 0 ? (
        <Text className="mt-2">No open anomaly: spend is within its usual band.</Text>
      ) : null}
      <ul className="mt-2 divide-y divide-tremor-border">
        {items.slice(0, 5).map((a) => (
          <li key={a.id} className="flex justify-between gap-4 py-2 text-sm">
            <Link className="text-tremor-brand underline" href={`/${orgSlug}/anomalies/${encodeURIComponent(a.id)}`}>
              {a.monitor.label} · {KIND_LABEL[a.kind] ?? a.kind}
            </Link>
            <span className="tabular-nums">{signedMoney(a.impact)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
