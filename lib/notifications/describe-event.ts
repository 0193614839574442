import { formatMoney, sharePercent } from "@/lib/money";

/** An event said for people: what the Slack, email and digest renderings are made of. */
export type EventSummary = {
  title: string;
  fields: { label: string; value: string }[];
  link: string | null;
  linkLabel: string;
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : typeof v === "number" ? String(v) : null);
const day = (v: unknown): string | null => str(v)?.slice(0, 10) ?? null;

function scopeText(scope: unknown): string {
  const entries = Object.entries(obj(scope));
  if (entries.length === 0) return "whole organisation";
  return entries.map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join(", ") : String(v)}`).join("; ");
}

function thresholdText(t: unknown, currency: string): string | null {
  const th = obj(t);
  if (str(th.percent)) return `${str(th.percent)}%`;
  if (str(th.amount)) return formatMoney(str(th.amount)!, currency);
  return null;
}

const TITLES: Record<string, (name: string, d: Obj, currency: string) => string> = {
  "budget.threshold_reached": (n, d, c) => `Budget "${n}" reached ${thresholdText(d.threshold, c) ?? "a threshold"}`,
  "budget.forecast_exceeded": (n, d) =>
    `Budget "${n}" is projected to exceed its amount${day(d.projectedExceedAt) ? ` by ${day(d.projectedExceedAt)}` : ""}`,
  "budget.capped": (n) => `Budget "${n}" hit its hard cap: requests in its scope are refused`,
  "budget.released": (n) => `Budget "${n}" hard cap released`,
  "anomaly.detected": (_n, d) => `Spend anomaly detected${str(d.summary) ? `: ${str(d.summary)}` : ""}`,
  "anomaly.resolved": (_n, d) => `Spend anomaly resolved${str(d.summary) ? `: ${str(d.summary)}` : ""}`,
  "chargeback.invoice_held": (_n, d) =>
    `Stripe invoice held for statement ${str(d.statementNumber) ?? ""}: Stripe total ${str(d.stripeTotal) ?? "?"} differs from ${str(d.expectedTotal) ?? "?"}`,
  "channel.test": (n) => `Test message from Burnrate to the channel "${n}"`,
};

/**
 * What happened, the amount and percent, the scope, the period and a link to the budget
 * (`<baseUrl>/<orgSlug>/budgets/<id>`), read from an event's data (amounts are decimal strings).
 */
export function describeEvent(event: { type: string; data: unknown }, orgSlug: string, baseUrl: string): EventSummary {
  const d = obj(event.data);
  const budget = obj(d.budget);
  const currency = str(d.currency) ?? "USD";
  const name = str(budget.name) ?? str(d.channelName) ?? "";
  const title = (TITLES[event.type] ?? (() => event.type))(name, d, currency);
  const fields: EventSummary["fields"] = [];
  const spent = str(d.spent);
  const amount = str(d.amount);
  if (spent && amount) {
    const pct = sharePercent(spent, amount, 1);
    fields.push({
      label: "Spent",
      value: `${formatMoney(spent, currency)} of ${formatMoney(amount, currency)}${pct ? ` (${pct}%)` : ""}`,
    });
  }
  if (str(d.forecast)) fields.push({ label: "Forecast", value: formatMoney(str(d.forecast)!, currency) });
  if (event.type.startsWith("anomaly.")) {
    const signed = (v: string) =>
      v.startsWith("-") ? `-${formatMoney(v.slice(1), currency)}` : `+${formatMoney(v, currency)}`;
    if (str(d.impact)) fields.push({ label: "Impact", value: signed(str(d.impact)!) });
    if (str(d.actual) && str(d.expected))
      fields.push({
        label: "Actual vs expected",
        value: `${formatMoney(str(d.actual)!, currency)} against ${formatMoney(str(d.expected)!, currency)}`,
      });
    if (str(d.start)) fields.push({ label: "Since", value: `${str(d.start)!.slice(0, 16).replace("T", " ")} UTC` });
    const top = Array.isArray(d.topContributors) ? obj(d.topContributors[0]) : {};
    const dims = Object.entries(obj(top.dims)).map(([k, v]) => `${k} ${String(v)}`);
    if (dims.length && str(top.excess))
      fields.push({ label: "Mostly", value: `${dims.join(" on ")}: ${signed(str(top.excess)!)}` });
  }
  if (event.type.startsWith("budget.")) fields.push({ label: "Scope", value: scopeText(budget.scope) });
  const period = obj(d.period);
  if (day(period.start)) fields.push({ label: "Period", value: `${day(period.start)} to ${day(period.end) ?? "…"}` });
  const base = baseUrl.replace(/\/$/, "");
  const anomaly = obj(d.anomaly);
  const link = str(budget.id)
    ? `${base}/${orgSlug}/budgets/${encodeURIComponent(str(budget.id)!)}`
    : str(anomaly.id)
      ? `${base}/${orgSlug}/anomalies/${encodeURIComponent(str(anomaly.id)!)}`
      : null;
  return { title, fields, link, linkLabel: str(budget.id) ? "Open the budget" : "Open in Burnrate" };
}
