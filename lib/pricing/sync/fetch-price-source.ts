const MAX_BYTES = 32 * 1024 * 1024;
const TIMEOUT_MS = 60_000;

/**
 * Fetches the operator's price source (BURNRATE_PRICE_SYNC_URL: set by the operator, not by a
 * tenant, so it may be on a private network). At most 32 MB, 60 s; a non-2xx status is an error.
 */
export async function fetchPriceSource(url: string): Promise<string> {
  const where = withoutSecrets(url);
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "follow" });
  if (!res.ok) throw new Error(`${where} answered ${res.status}`);
  const length = Number(res.headers.get("content-length") ?? 0);
  if (length > MAX_BYTES) throw new Error(`${where} is larger than 32 MB`);
  const text = await res.text();
  if (text.length > MAX_BYTES) throw new Error(`${where} is larger than 32 MB`);
  return text;
}

/** The URL as errors, logs and the runs list may show it: no credentials, no query (a token often travels there). */
export function withoutSecrets(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "the price source";
  }
}
