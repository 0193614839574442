import type { StatementLine } from "./build-chargeback";

/** Statement lines as stored (JSONB): bigints as decimal strings. */
export function linesToJson(lines: readonly StatementLine[]): Record<string, string>[] {
  return lines.map((l) =>
    Object.fromEntries(Object.entries(l).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : String(v)])),
  );
}

const BIG = new Set([
  "requests",
  "inputTokens",
  "outputTokens",
  "cachedInputTokens",
  "cacheWriteTokens",
  "reasoningTokens",
  "costPico",
  "billedPico",
]);

export function linesFromJson(json: unknown): StatementLine[] {
  return (json as Record<string, string>[]).map(
    (l) =>
      Object.fromEntries(
        Object.entries(l).map(([k, v]) => [k, BIG.has(k) ? BigInt(v) : v]),
      ) as unknown as StatementLine,
  );
}
