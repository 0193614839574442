import type { CatalogEntry } from "../catalog-schema";

export const CSV_COLUMNS = [
  "provider",
  "model",
  "input",
  "output",
  "cached_input",
  "cache_write_5m",
  "cache_write_1h",
  "reasoning",
  "per_request",
  "per_image",
  "per_audio_second",
  "long_context_threshold",
  "long_context_input",
  "long_context_output",
  "source_url",
] as const;

const PRICE_KEYS: Record<string, string> = {
  input: "input",
  output: "output",
  cached_input: "cachedInput",
  cache_write_5m: "cacheWrite5m",
  cache_write_1h: "cacheWrite1h",
  reasoning: "reasoning",
  per_request: "perRequest",
  per_image: "perImage",
  per_audio_second: "perAudioSecond",
};

function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

/** The simple CSV: a header naming some of CSV_COLUMNS (provider, model, input, output required); USD per 1M tokens. */
export function parsePriceCsv(text: string): CatalogEntry[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith("#"));
  const header = splitLine(lines[0] ?? "");
  for (const required of ["provider", "model", "input", "output"]) {
    if (!header.includes(required)) throw new Error(`CSV header must include "${required}"`);
  }
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) throw new Error(`unknown CSV column(s): ${unknown.join(", ")}`);
  return lines.slice(1).map((line, i) => {
    const cells = splitLine(line);
    if (cells.length !== header.length)
      throw new Error(`line ${i + 2}: expected ${header.length} cells, got ${cells.length}`);
    const row = Object.fromEntries(header.map((h, j) => [h, cells[j]!]));
    const prices = Object.fromEntries(
      Object.entries(PRICE_KEYS)
        .filter(([c]) => row[c])
        .map(([c, k]) => [k, row[c]]),
    );
    const threshold = row.long_context_threshold ? Number(row.long_context_threshold) : undefined;
    return {
      provider: row.provider!,
      model: row.model!,
      aliases: [],
      free: false,
      prices,
      ...(threshold
        ? {
            longContext: {
              thresholdTokens: threshold,
              ...(row.long_context_input ? { input: row.long_context_input } : {}),
              ...(row.long_context_output ? { output: row.long_context_output } : {}),
            },
          }
        : {}),
      ...(row.source_url ? { sourceUrl: row.source_url } : {}),
    } as unknown as CatalogEntry;
  });
}
