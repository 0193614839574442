import { formatMoney } from "@/lib/money/format";
import type { ApiResponse } from "@/lib/client/api-types";

export type Anomaly = ApiResponse<"orgAnomalies.list">["items"][number];
export type AnomalyDetail = ApiResponse<"orgAnomalies.get">["anomaly"];

export const money = (v: string | null | undefined) => (v == null ? "—" : formatMoney(v));
/** "+$195.20" / "-$12.00". */
export const signedMoney = (v: string) => (v.startsWith("-") ? `-${formatMoney(v.slice(1))}` : `+${formatMoney(v)}`);

export const KIND_LABEL: Record<string, string> = {
  spike: "Spike",
  ramp: "Ramp",
  level_shift: "Level shift",
  drop: "Drop to zero",
};
export const STATUS_COLOR = { open: "rose", acknowledged: "amber", resolved: "gray" } as const;
export const FEEDBACK_LABEL: Record<string, string> = {
  real: "Real",
  expected: "Expected activity",
  false_alarm: "False alarm",
};
export const DIMENSION_LABEL: Record<string, string> = {
  org: "Organisation total",
  team: "Team",
  feature: "Feature",
  model: "Model",
  customer: "Customer",
  apiKey: "API key",
};

type Flag = {
  kind: string;
  from?: string | null;
  to?: string;
  before?: number;
  now?: number;
  value?: string;
  actual?: string;
  shareNow?: number;
};
const pct = (v: number | undefined) => (v === undefined ? "?" : `${Math.round(v * 1000) / 10}%`);

/** A root-cause flag for people. */
export function flagText(f: Flag): string {
  switch (f.kind) {
    case "model_switch":
      return `Model switch${f.from ? ` from ${f.from}` : ""} to ${f.to} (${pct(f.shareNow)} of spend now)`;
    case "cache_hit_fall":
      return `Cache-read share fell from ${pct(f.before)} to ${pct(f.now)}`;
    case "tokens_per_request_growth":
      return `Tokens per request grew from ${f.before} to ${f.now}`;
    case "errors_rising":
      return `Errors rose from ${pct(f.before)} to ${pct(f.now)} of events`;
    case "retries_rising":
      return `Retries (repeated requestId) rose from ${pct(f.before)} to ${pct(f.now)}`;
    case "new_customer":
      return `New customer ${f.value} (${money(f.actual)})`;
    case "new_feature":
      return `New feature ${f.value} (${money(f.actual)})`;
    case "new_end_user":
      return `New end user ${f.value} (${money(f.actual)})`;
    default:
      return f.kind;
  }
}

const DIM_ORDER = ["team", "feature", "model", "customer"];
/** "feature summarize on model gpt-4o" (stored JSON does not keep key order: a fixed one here). */
export const dimsText = (dims: Record<string, string>) =>
  Object.entries(dims)
    .sort(([a], [b]) => DIM_ORDER.indexOf(a) - DIM_ORDER.indexOf(b))
    .map(([k, v]) => `${k} ${v || "(none)"}`)
    .join(" on ");
