import { parseScaled } from "@/lib/money/pico";
import type { PriceParts } from "./catalog-row";

export type SanityIssue = {
  provider: string;
  model: string;
  check: "ratio" | "zeroed" | "output_below_input" | "cache_above_input";
  field: string;
  before: string | null;
  after: string | null;
  message: string;
};

type Item = { provider: string; model: string; before: PriceParts | null; after: PriceParts; mode?: string };
type Prices = Record<string, string | undefined>;

const value = (v: string | undefined) => (v === undefined ? null : parseScaled(v, 12));
const NON_CHAT = /embed|image|audio|transcription|speech|moderation|rerank/;

/**
 * The changes an operator must confirm before an import or a sync applies them: a price that
 * changes by more than 5x either way, a non-zero price that becomes zero, output cheaper than
 * input for a chat model, cache reads dearer than input. Compared as exact decimals.
 */
export function sanityChecks(items: Item[]): SanityIssue[] {
  const issues: SanityIssue[] = [];
  for (const it of items) {
    const add = (
      check: SanityIssue["check"],
      field: string,
      before: string | null,
      after: string | null,
      message: string,
    ) => issues.push({ provider: it.provider, model: it.model, check, field, before, after, message });
    const after = (it.after.prices ?? {}) as Prices;
    const before = (it.before?.prices ?? {}) as Prices;
    const compare = (b: Prices, a: Prices, prefix: string) => {
      for (const key of Object.keys(a)) {
        const field = `${prefix}${key}`;
        const bv = value(b[key]);
        const av = value(a[key]);
        if (bv === null || av === null || bv === 0n) continue;
        if (av === 0n) add("zeroed", field, b[key]!, a[key]!, `${field} falls from ${b[key]} to zero`);
        else if (av > 5n * bv || 5n * av < bv)
          add("ratio", field, b[key]!, a[key]!, `${field} changes more than 5x: ${b[key]} → ${a[key]}`);
      }
    };
    compare(before, after, "");
    const lcBefore = it.before?.longContext as (Prices & { thresholdTokens?: number }) | null | undefined;
    const lcAfter = it.after.longContext as (Prices & { thresholdTokens?: number }) | null | undefined;
    if (lcBefore && lcAfter && lcBefore.thresholdTokens === lcAfter.thresholdTokens) {
      const { thresholdTokens: _b, ...b } = lcBefore;
      const { thresholdTokens: _a, ...a } = lcAfter;
      compare(b as Prices, a as Prices, "longContext.");
    }
    const input = value(after.input);
    const output = value(after.output);
    const cached = value(after.cachedInput);
    const chat = it.mode ? /chat|responses|completion/.test(it.mode) : !NON_CHAT.test(it.model) && output !== 0n;
    const wasBelow = value(before.output) !== null && value(before.output)! < (value(before.input) ?? 0n);
    if (chat && input !== null && output !== null && output < input && !wasBelow)
      add(
        "output_below_input",
        "output",
        after.input!,
        after.output!,
        `output (${after.output}) is cheaper than input (${after.input})`,
      );
    if (input !== null && cached !== null && cached > input)
      add(
        "cache_above_input",
        "cachedInput",
        after.input!,
        after.cachedInput!,
        `cache reads (${after.cachedInput}) cost more than input (${after.input})`,
      );
  }
  return issues;
}
