import { formatDay } from "@/components/ui/format-date";
import { compareMoney, formatMoney } from "@/lib/money/format";

/** "$1,234.57" for an exact decimal string. */
export const money = (v: string | null | undefined) => (v == null ? "—" : formatMoney(v));

/** "resets in 3 d 4 h" / "in 45 min" from now to an ISO time. */
export function resetsIn(iso: string, now = Date.now()): string {
  const ms = Date.parse(iso) - now;
  if (ms <= 0) return "resetting now";
  const min = Math.floor(ms / 60_000);
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  if (d > 0) return `resets in ${d} d ${h} h`;
  if (h > 0) return `resets in ${h} h ${min % 60} min`;
  return `resets in ${Math.max(1, min)} min`;
}

/** A threshold key ("percent:80", "amount:250", "forecast") for people. */
export function thresholdLabel(key: string): string {
  const [kind, v] = key.split(":");
  if (kind === "percent") return `${v}%`;
  if (kind === "amount") return formatMoney(v ?? "0");
  if (kind === "cap") return "hard cap";
  return "forecast";
}

export type BudgetState = "ok" | "at risk" | "over";

/** over: spent ≥ amount; at risk: the forecast exceeds the amount or 80% is used; ok otherwise. */
export function budgetState(s: {
  spent: string;
  amount: string;
  percentUsed: string | null;
  forecast: { exceedsAt: string | null } | null;
}): BudgetState {
  if (compareMoney(s.spent, s.amount) >= 0) return "over";
  if (s.forecast?.exceedsAt || Number(s.percentUsed ?? 0) >= 80) return "at risk";
  return "ok";
}

export const STATE_COLOR: Record<BudgetState, "emerald" | "amber" | "rose"> = {
  ok: "emerald",
  "at risk": "amber",
  over: "rose",
};

/** A scope for people: "team = search · customer = each". */
/** How a scope dimension reads in the pages. */
export const DIMENSION_LABELS: Record<string, string> = {
  team: "team",
  feature: "feature",
  model: "model",
  provider: "provider",
  customer: "customer",
  environment: "environment",
  endUser: "end user",
  apiKey: "API key",
};

export const dimensionLabel = (d: string) => DIMENSION_LABELS[d] ?? d;

export function scopeLabel(scope: Record<string, string | undefined>): string {
  const parts = Object.entries(scope)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (v === "*" ? `each ${dimensionLabel(k)}` : `${dimensionLabel(k)} = ${v}`));
  return parts.length ? parts.join(" · ") : "whole organisation";
}

export const formatPeriod = (p: { start: string; end: string }) => {
  return `${formatDay(p.start)} – ${formatDay(new Date(Date.parse(p.end) - 1))}`;
};
