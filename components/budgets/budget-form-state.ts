import { SCOPE_DIMENSIONS } from "@/lib/budgets/budget-input";
import type { Budget } from "./use-budget-status";

/** The scope builder offers every dimension a budget can be scoped by, in the API's order. */
export const DIMENSIONS = SCOPE_DIMENSIONS;
export const PERIODS = ["day", "week", "month", "quarter", "custom"] as const;

export type ScopeRow = { dimension: (typeof DIMENSIONS)[number]; value: string; each: boolean };
export type ThresholdRow = { kind: "percent" | "amount"; value: string };
export type FormState = {
  name: string;
  period: (typeof PERIODS)[number];
  startDay: string;
  amount: string;
  scope: ScopeRow[];
  thresholds: ThresholdRow[];
  forecastAlert: boolean;
  hardCap: boolean;
  channelIds: string[];
  /** A member's user id, or "" for none. */
  ownerUserId: string;
};

export function initialState(b?: Budget): FormState {
  if (!b)
    return {
      name: "",
      period: "month",
      startDay: "1",
      amount: "",
      scope: [],
      thresholds: [
        { kind: "percent", value: "80" },
        { kind: "percent", value: "100" },
      ],
      forecastAlert: false,
      hardCap: false,
      channelIds: [],
      ownerUserId: "",
    };
  return {
    name: b.name,
    period: b.period,
    startDay: String(b.startDay ?? 1),
    amount: b.amount,
    scope: Object.entries(b.scope)
      .filter(([, v]) => v !== undefined)
      .map(([d, v]) => ({ dimension: d as ScopeRow["dimension"], value: v === "*" ? "" : v!, each: v === "*" })),
    thresholds: b.thresholds.map((t) =>
      t.percent !== undefined
        ? { kind: "percent", value: String(t.percent) }
        : { kind: "amount", value: t.amount ?? "" },
    ),
    forecastAlert: b.forecastAlert,
    hardCap: b.hardCap,
    channelIds: b.channelIds,
    ownerUserId: b.ownerUserId ?? "",
  };
}

/** The API body of the form; numbers the user typed stay as typed so the API names what is wrong. */
export function toBody(f: FormState) {
  return {
    name: f.name,
    period: f.period,
    startDay: f.period === "custom" ? Number(f.startDay) : null,
    amount: f.amount.trim(),
    scope: Object.fromEntries(f.scope.map((r) => [r.dimension, r.each ? "*" : r.value.trim()])),
    thresholds: f.thresholds.map((t) =>
      t.kind === "percent"
        ? { percent: t.value.trim() === "" ? Number.NaN : Number(t.value) }
        : { amount: t.value.trim() },
    ),
    forecastAlert: f.forecastAlert,
    hardCap: f.hardCap,
    channelIds: f.channelIds,
    ownerUserId: f.ownerUserId || null,
  };
}
