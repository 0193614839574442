import type { PriceOverride } from "./types";

/** "$2.5" → "$2.50" without going through a float: prices stay decimal strings. */
export function formatUsd(value: string | null | undefined, empty = "—"): string {
  if (value === null || value === undefined || value === "") return empty;
  const [whole, fraction = ""] = value.split(".");
  const trimmed = fraction.replace(/0+$/, "");
  return `$${whole}.${trimmed.padEnd(2, "0")}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** "272000" → "272k" for long-context thresholds. */
export function formatTokens(n: number): string {
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : formatCount(n);
}

/** Which models an override applies to, in words. */
export function overrideScope(o: Pick<PriceOverride, "provider" | "model">): string {
  if (o.provider && o.model) return `${o.provider} / ${o.model}`;
  if (o.model) return `${o.model} (any provider)`;
  if (o.provider) return `all ${o.provider} models`;
  return "all models";
}

/** The part of a scope shown in a progress line: "gpt-4o", "all openai models". */
export function jobScope(j: { provider: string | null; model: string | null }): string {
  return j.model ?? (j.provider ? `all ${j.provider} models` : "all models");
}

export function isEnded(o: Pick<PriceOverride, "effectiveTo">, now = Date.now()): boolean {
  return o.effectiveTo !== null && new Date(o.effectiveTo).getTime() <= now;
}
