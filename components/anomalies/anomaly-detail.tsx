"use client";

import {
  Badge,
  Button,
  Card,
  LineChart,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Text,
  Title,
} from "@tremor/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { FormError } from "@/components/ui/form-error";
import { formatDateTime } from "@/components/ui/format-date";
import { QueryState } from "@/components/ui/query-state";
import {
  type AnomalyDetail as Detail,
  dimsText,
  FEEDBACK_LABEL,
  flagText,
  KIND_LABEL,
  money,
  STATUS_COLOR,
  signedMoney,
} from "./anomaly-format";

type Point = {
  t: string;
  actual: string;
  expected: string | null;
  lower: string | null;
  upper: string | null;
  anomalous: boolean;
};
type Contributor = { dims: Record<string, string>; actual: string; expected: string; excess: string };
type RootCause = {
  excess: string;
  contributors: Contributor[];
  byDimension: Record<string, Contributor[]>;
  split: Record<string, string> | null;
  measures: Record<string, { expected: number | null; actual: number | null }>;
  flags: { kind: string }[];
};

const num = (v: string | null) => (v === null ? null : Number(v));
const hourLabel = (iso: string) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;

function Chart({ a }: { a: Detail }) {
  const points = (a.series ?? []) as unknown as Point[];
  const data = points.map((p) => ({
    hour: hourLabel(p.t),
    Actual: num(p.actual),
    Expected: num(p.expected),
    "Band low": num(p.lower),
    "Band high": num(p.upper),
  }));
  return (
    <Card>
      <Title>Actual vs expected, per hour (UTC)</Title>
      <Text>The band is expected ± the detector&apos;s threshold in noise units; hours outside it are anomalous.</Text>
      <LineChart
        className="mt-4 h-72"
        data={data}
        index="hour"
        categories={["Actual", "Expected", "Band low", "Band high"]}
        colors={["rose", "blue", "gray", "gray"]}
        valueFormatter={(v) => money(String(Math.round(v * 100) / 100))}
        connectNulls
        curveType="linear"
        data-testid="anomaly-chart"
      />
    </Card>
  );
}

function Contributors({ rows, title }: { rows: Contributor[]; title: string }) {
  return (
    <div className="overflow-x-auto">
      <Table>
        <TableHead>
          <TableRow>
            <TableHeaderCell>{title}</TableHeaderCell>
            <TableHeaderCell className="text-right">Actual</TableHeaderCell>
            <TableHeaderCell className="text-right">Expected</TableHeaderCell>
            <TableHeaderCell className="text-right">Excess</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((c) => (
            <TableRow key={JSON.stringify(c.dims)}>
              <TableCell>{dimsText(c.dims) || "(unattributed)"}</TableCell>
              <TableCell className="text-right tabular-nums">{money(c.actual)}</TableCell>
              <TableCell className="text-right tabular-nums">{money(c.expected)}</TableCell>
              <TableCell className="text-right tabular-nums">{signedMoney(c.excess)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

const SPLIT_LABEL: Record<string, string> = {
  requests: "More requests",
  tokensPerRequest: "More tokens per request",
  modelMix: "Costlier model mix",
  cacheReadShare: "Lower cache-read share (estimate)",
  other: "Other (prices, output share)",
};

function Cause({ rc }: { rc: RootCause }) {
  return (
    <>
      <Card className="space-y-3" data-testid="root-cause">
        <Title>Where the excess comes from</Title>
        {rc.flags.length ? (
          <ul className="flex flex-wrap gap-2" aria-label="Flags">
            {rc.flags.map((f) => (
              <li key={JSON.stringify(f)}>
                <Badge color="amber">{flagText(f)}</Badge>
              </li>
            ))}
          </ul>
        ) : null}
        {rc.contributors.length ? (
          <Text>
            {dimsText(rc.contributors[0]!.dims)}: <strong>{signedMoney(rc.contributors[0]!.excess)}</strong> of{" "}
            {signedMoney(rc.excess)}
          </Text>
        ) : null}
        <Contributors rows={rc.contributors} title="Top contributors" />
      </Card>
      {rc.split ? (
        <Card>
          <Title>Price / volume split</Title>
          <Table data-testid="price-volume-split">
            <TableBody>
              {Object.keys(SPLIT_LABEL).map((k) => (
                <TableRow key={k}>
                  <TableCell>{SPLIT_LABEL[k]}</TableCell>
                  <TableCell className="text-right tabular-nums">{signedMoney(rc.split?.[k] ?? "0")}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Text className="mt-2">
            Requests {rc.measures.requests?.expected ?? "—"} expected, {rc.measures.requests?.actual ?? "—"} actual;
            tokens per request {rc.measures.tokensPerRequest?.expected ?? "—"} →{" "}
            {rc.measures.tokensPerRequest?.actual ?? "—"}.
          </Text>
        </Card>
      ) : null}
      <Card className="space-y-4">
        <Title>By dimension</Title>
        {["team", "feature", "model", "customer", "apiKey"]
          .filter((d) => rc.byDimension[d])
          .map((d) => [d, rc.byDimension[d]!] as const)
          .map(([d, rows]) => (
            <Contributors key={d} rows={rows} title={d} />
          ))}
      </Card>
    </>
  );
}

/** One anomaly: summary, chart with its band, root cause, timeline and feedback buttons. */
export function AnomalyDetail({
  orgSlug,
  anomalyId,
  canGiveFeedback,
}: {
  orgSlug: string;
  anomalyId: string;
  canGiveFeedback: boolean;
}) {
  const qc = useQueryClient();
  const url = apiUrl("/api/orgs/{org}/anomalies/{anomalyId}", { params: { org: orgSlug, anomalyId } });
  const q = useQuery({
    queryKey: ["anomaly", orgSlug, anomalyId],
    queryFn: () => apiFetch<ApiResponse<"orgAnomalies.get">>(url),
  });
  const fb = useMutation({
    mutationFn: (feedback: "real" | "expected" | "false_alarm") =>
      apiFetch<ApiResponse<"orgAnomalies.feedback">>(
        apiUrl("/api/orgs/{org}/anomalies/{anomalyId}/feedback", { params: { org: orgSlug, anomalyId } }),
        { method: "POST", json: { feedback } },
      ),
    onSuccess: (data) => {
      qc.setQueryData(["anomaly", orgSlug, anomalyId], data);
      void qc.invalidateQueries({ queryKey: ["anomalies", orgSlug] });
    },
  });
  if (!q.data)
    return <QueryState isLoading={q.isLoading} error={q.error} label="anomaly" onRetry={() => void q.refetch()} />;
  const a = q.data.anomaly;
  const rc = a.rootCause as unknown as RootCause | null;
  return (
    <div className="space-y-4">
      <Card className="space-y-2" data-testid="anomaly-summary">
        <div className="flex flex-wrap items-center gap-2">
          <Badge color={STATUS_COLOR[a.status as keyof typeof STATUS_COLOR] ?? "gray"}>{a.status}</Badge>
          <Badge color="slate">{KIND_LABEL[a.kind] ?? a.kind}</Badge>
          {a.feedback ? <Badge color="blue">{FEEDBACK_LABEL[a.feedback]}</Badge> : null}
        </div>
        <p className="text-lg text-tremor-content-strong">
          {a.monitor.label}: <strong>{signedMoney(a.impact)}</strong>
          {a.impactPercent !== null ? ` (${a.impactPercent > 0 ? "+" : ""}${a.impactPercent}%)` : ""} —{" "}
          {money(a.actual)} against {money(a.expected)} expected; score {a.score.toFixed(1)}
        </p>
        {a.status !== "resolved" && Date.parse(a.lastHour) >= Math.floor(Date.now() / 3_600_000) * 3_600_000 ? (
          <p className="text-sm text-tremor-content" data-testid="partial-hour-note">
            So far: the current hour is not over. Its spend so far counts against the part of its expected spend that
            matches the share of the hour elapsed.
          </p>
        ) : null}
        <ol className="text-sm text-tremor-content" aria-label="Timeline">
          <li>Started {formatDateTime(a.start)}</li>
          <li>
            Detected {formatDateTime(a.detectedAt)}
            {a.alerted ? " (alert sent)" : " (below the alert threshold)"}
          </li>
          <li>Last anomalous hour {formatDateTime(a.lastHour)}</li>
          {a.acknowledgedAt ? <li>Acknowledged {formatDateTime(a.acknowledgedAt)}</li> : null}
          {a.feedbackAt ? (
            <li>
              Feedback &ldquo;{FEEDBACK_LABEL[a.feedback!]}&rdquo; by {a.feedbackBy} {formatDateTime(a.feedbackAt)}
            </li>
          ) : null}
          {a.end ? <li>Resolved: back in its band from {formatDateTime(a.end)}</li> : null}
        </ol>
        {canGiveFeedback ? (
          <fieldset className="flex flex-wrap gap-2 pt-2" aria-label="Feedback">
            {(["real", "expected", "false_alarm"] as const).map((f) => (
              <Button
                key={f}
                size="xs"
                variant={a.feedback === f ? "primary" : "secondary"}
                loading={fb.isPending}
                onClick={() => fb.mutate(f)}
              >
                {FEEDBACK_LABEL[f]}
              </Button>
            ))}
          </fieldset>
        ) : null}
        <FormError message={fb.error?.message} />
      </Card>
      <Chart a={a} />
      {rc ? <Cause rc={rc} /> : null}
    </div>
  );
}
