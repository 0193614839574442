/** A party's prices per model, USD per 1M tokens per kind (as the chargeback settings hold them). */
export type PriceListsDraft = Record<string, Record<string, Record<string, string>>>;

const KINDS = ["input", "output", "cachedInput", "cacheWrite", "reasoning"] as const;

/** { acme: { "openai/gpt-4o": { input: "3", output: "12" } } } -> "acme | openai/gpt-4o | input=3 output=12" lines. */
export function toPriceLines(lists: PriceListsDraft | undefined): string {
  const out: string[] = [];
  for (const [party, models] of Object.entries(lists ?? {}))
    for (const [model, prices] of Object.entries(models))
      out.push(
        `${party} | ${model} | ${KINDS.filter((k) => prices[k] !== undefined)
          .map((k) => `${k}=${prices[k]}`)
          .join(" ")}`,
      );
  return out.join("\n");
}

/** The editor's lines back to price lists; a line it cannot read is an error naming its number. */
export function fromPriceLines(text: string): { lists: PriceListsDraft; errors: string[] } {
  const lists: PriceListsDraft = {};
  const errors: string[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const parts = line.split("|").map((p) => p.trim());
    const [party, model, prices] = parts;
    if (parts.length !== 3 || !party || !model || !prices) {
      errors.push(`price list line ${i + 1}: write "party | provider/model | input=3 output=12"`);
      return;
    }
    const entry: Record<string, string> = {};
    for (const pair of prices.split(/\s+/)) {
      const [k, v] = pair.split("=");
      if (!k || v === undefined || !(KINDS as readonly string[]).includes(k)) {
        errors.push(`price list line ${i + 1}: "${pair}" is not one of ${KINDS.map((x) => `${x}=…`).join(", ")}`);
        return;
      }
      entry[k] = v;
    }
    lists[party] = { ...lists[party], [model]: entry };
  });
  return { lists, errors };
}
