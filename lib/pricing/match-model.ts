/**
 * Maps a raw model name, as it appears in provider, gateway and cloud logs, to a
 * price-catalog entry. Pure functions, no I/O.
 *
 * Matching order (the first step that finds anything decides):
 *   1. the normalized name, equal to an entry's model or alias;
 *   2. its last path segment (`publishers/google/models/gemini-2.5-pro`);
 *   3. the same two with version suffixes removed (dates, `-latest`, `-preview`,
 *      `-001`, `@20240620`, Bedrock `-v1:0`, ...).
 * The catalog side is never version-stripped, so `o3-mini` can never fall back to
 * `o3`, nor `gpt-4o-mini` to `gpt-4o`. Several hits are narrowed by the `provider`
 * argument, then by the provider implied by a prefix (`groq/...`); anything still
 * ambiguous returns null rather than a guess.
 */

export interface CatalogKey {
  provider: string;
  model: string;
  aliases: string[];
}

export interface ModelMatch {
  provider: string;
  model: string;
}

/** Gateway / platform prefixes and the catalog provider each one implies (null: none). */
const ROUTE_PREFIXES = new Map<string, string | null>(
  Object.entries({
    openai: "openai",
    azure: "openai",
    azure_openai: "openai",
    azure_ai: null,
    anthropic: "anthropic",
    bedrock: null,
    bedrock_converse: null,
    vertex_ai: "vertex_ai",
    vertex_ai_beta: "vertex_ai",
    vertex: "vertex_ai",
    publishers: null,
    openrouter: null,
    gemini: "google",
    google: "google",
    google_ai_studio: "google",
    models: "google",
    mistral: "mistral",
    mistralai: "mistral",
    xai: "xai",
    "x-ai": "xai",
    deepseek: "deepseek",
    cohere: "cohere",
    cohere_chat: "cohere",
    groq: "groq",
    together: "together",
    together_ai: "together",
    togethercomputer: "together",
  }),
);

/** Bedrock ids: optional inference-profile region, then vendor, e.g. `us.anthropic.claude-...`. */
const BEDROCK_ID =
  /^(?:(?:us|us-gov|eu|apac|ap|jp|au|ca|global)\.)?(anthropic|meta|mistral|cohere|amazon|ai21|deepseek|openai|writer|qwen)\.(.+)$/;
const BEDROCK_VENDORS: Record<string, string> = {
  anthropic: "anthropic",
  mistral: "mistral",
  cohere: "cohere",
  deepseek: "deepseek",
  openai: "openai",
};

/** Suffixes that name a version of a model rather than a different model. */
const VERSION_SUFFIXES: RegExp[] = [
  /\[[^\]]*\]$/, // Claude Code context tag: claude-haiku-5-5[1m]
  /:(free|beta|nitro|floor|online|extended|thinking|exacto)$/, // OpenRouter variants
  /@(\d{8}|\d{3}|latest)$/, // Vertex: claude-3-5-sonnet@20240620, gemini-2.0-flash@001
  /-v\d+(:\d+)?$/, // Bedrock -v1:0, Vertex claude-3-5-sonnet-v2
  /-\d{4}-\d{2}-\d{2}$/, // OpenAI snapshot: gpt-4o-2024-08-06
  /-\d{8}$/, // Anthropic snapshot: claude-sonnet-4-5-20250929
  /-preview-\d{2}-\d{2}$/, // Gemini: gemini-2.5-pro-preview-06-05
  /-\d{2}-\d{4}$/, // MM-YYYY: command-r-08-2024, gemini-2.5-flash-preview-09-2025
  /-\d{3,4}$/, // -001 (Google), -2411 (Mistral), -0613 (OpenAI), -0709 (xAI)
  /-(latest|preview)$/,
];

/** Lowercase, strip whitespace, gateway/platform prefixes and Bedrock region/vendor prefixes. */
export function normalizeModelName(raw: string): string {
  return parse(raw).name;
}

function parse(raw: string): { name: string; hint: string | null } {
  let hint: string | null = null;
  const segments = (raw ?? "").trim().toLowerCase().replace(/\s+/g, "").split("/").filter(Boolean);
  while (segments.length > 1 && ROUTE_PREFIXES.has(segments[0])) {
    const implied = ROUTE_PREFIXES.get(segments.shift() as string) ?? null;
    hint = hint ?? implied;
  }
  const bedrock = segments.length > 0 ? BEDROCK_ID.exec(segments[0]) : null;
  if (bedrock) {
    hint = hint ?? (Object.hasOwn(BEDROCK_VENDORS, bedrock[1]) ? BEDROCK_VENDORS[bedrock[1]] : null);
    segments[0] = bedrock[2];
  }
  return { name: segments.join("/"), hint };
}

/** Removes version suffixes repeatedly: `claude-3-5-sonnet-v2@20241022` -> `claude-3-5-sonnet`. */
function stripVersion(name: string): string {
  let current = name;
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of VERSION_SUFFIXES) {
      const next = current.replace(suffix, "");
      if (next !== current && next.length > 0) {
        current = next;
        changed = true;
        break;
      }
    }
  }
  return current;
}

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf("/") + 1);
}

function canonicalProvider(provider: string | undefined): string | null {
  const p = (provider ?? "").trim().toLowerCase();
  if (!p) return null;
  return ROUTE_PREFIXES.has(p) ? (ROUTE_PREFIXES.get(p) ?? null) : p;
}

type Index = Map<string, CatalogKey[]>;
const indexCache = new WeakMap<readonly CatalogKey[], { size: number; index: Index }>();

/** Every model and alias, lowercased, under its full name and its last path segment. */
function indexFor(entries: readonly CatalogKey[]): Index {
  const cached = indexCache.get(entries);
  if (cached && cached.size === entries.length) return cached.index;
  const index: Index = new Map();
  for (const entry of entries) {
    for (const key of [entry.model, ...entry.aliases]) {
      const lower = key.toLowerCase();
      for (const form of new Set([lower, lastSegment(lower)])) {
        const list = index.get(form) ?? [];
        if (!list.includes(entry)) list.push(entry);
        index.set(form, list);
      }
    }
  }
  indexCache.set(entries, { size: entries.length, index });
  return index;
}

/**
 * Providers whose prices are a separate list for models sold elsewhere too (Vertex AI's Gemini
 * beside Google AI Studio's): chosen only when the event names them (provider or prefix).
 */
const SEPARATE_PRICE_LISTS = new Set(["vertex_ai"]);

function choose(hits: CatalogKey[], wanted: string | null, hint: string | null): CatalogKey | null {
  if (hits.length === 1) return hits[0];
  for (const provider of [wanted, hint]) {
    if (!provider) continue;
    const narrowed = hits.filter((e) => e.provider.toLowerCase() === provider);
    if (narrowed.length === 1) return narrowed[0];
  }
  const general = hits.filter((e) => !SEPARATE_PRICE_LISTS.has(e.provider.toLowerCase()));
  return general.length === 1 ? general[0] : null;
}

/**
 * Finds the catalog entry priced for `raw`. `provider` (e.g. from the log source)
 * only breaks ties; a wrong or missing provider still matches a unique name.
 * Returns null for unknown, ambiguous and fine-tuned (`ft:`) models.
 */
export function matchModel(raw: string, provider: string | undefined, entries: CatalogKey[]): ModelMatch | null {
  const { name, hint } = parse(raw);
  if (!name || name.startsWith("ft:")) return null;
  const index = indexFor(entries);
  const wanted = canonicalProvider(provider);
  const candidates = new Set([name, lastSegment(name), stripVersion(name), stripVersion(lastSegment(name))]);
  for (const candidate of candidates) {
    const hits = index.get(candidate);
    if (!hits || hits.length === 0) continue;
    const entry = choose(hits, wanted, hint);
    return entry ? { provider: entry.provider, model: entry.model } : null;
  }
  return null;
}
