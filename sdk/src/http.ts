import { promisify } from "node:util";
import { gzip } from "node:zlib";

const gzipAsync = promisify(gzip);

export type HttpConfig = { apiKey: string; baseUrl: string; timeoutMs: number; fetch: typeof fetch };

export type HttpResult = { status: number; body: unknown; retryAfterMs: number | null };

/** A failure worth retrying: the network, a timeout, 429 or 5xx. */
export class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = "RetryableError";
  }
}

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** One request to Burnrate. Network errors, timeouts, 429 and 5xx throw RetryableError; other answers return. */
export async function request(
  cfg: HttpConfig,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  opts: { gzip?: boolean } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { authorization: `Bearer ${cfg.apiKey}` };
  let payload: Uint8Array | string | undefined;
  if (body !== undefined) {
    headers["content-type"] = "application/json";
    const json = JSON.stringify(body);
    if (opts.gzip) {
      headers["content-encoding"] = "gzip";
      payload = new Uint8Array(await gzipAsync(json));
    } else payload = json;
  }
  let res: Response;
  try {
    res = await cfg.fetch(`${cfg.baseUrl.replace(/\/+$/, "")}${path}`, {
      method,
      headers,
      body: payload as BodyInit | undefined,
      signal: AbortSignal.timeout(cfg.timeoutMs),
    });
  } catch (err) {
    throw new RetryableError(`Burnrate unreachable: ${err instanceof Error ? err.message : String(err)}`, null);
  }
  const text = await res.text().catch(() => "");
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  const wait = retryAfterMs(res.headers.get("retry-after"));
  if (res.status === 429 || res.status >= 500) {
    throw new RetryableError(`Burnrate answered ${res.status}: ${text.slice(0, 200)}`, wait);
  }
  return { status: res.status, body: parsed, retryAfterMs: wait };
}

/** Backoff before retry `attempt` (0-based): Retry-After when given, else base·2^attempt with ±50% jitter, ≤ 30 s. */
export function backoffMs(attempt: number, baseMs: number, retryAfter: number | null, random = Math.random): number {
  if (retryAfter !== null) return Math.min(retryAfter, 300_000);
  const exp = Math.min(baseMs * 2 ** attempt, 30_000);
  return Math.round(exp * (0.5 + random()));
}
