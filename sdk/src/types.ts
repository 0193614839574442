/** Attribution of a call: the dimensions Burnrate rolls spend up by. */
export type Attribution = {
  team?: string;
  feature?: string;
  customer?: string;
  environment?: string;
  endUser?: string;
};

/** A usage event as `POST /api/v1/events` takes it; eventId and timestamp are filled in when absent. */
export type UsageEvent = Attribution & {
  eventId?: string;
  timestamp?: string | Date;
  provider: string;
  model: string;
  /** Input tokens NOT read from or written to the cache (see docs/token-semantics.md). */
  inputTokens: number;
  /** Output tokens without the reasoning tokens. */
  outputTokens: number;
  cachedInputTokens?: number;
  cacheWriteTokens?: number;
  cacheTtl?: "5m" | "1h";
  reasoningTokens?: number;
  requests?: number;
  serviceTier?: "standard" | "batch" | "flex" | "priority";
  tags?: Record<string, string>;
  latencyMs?: number;
  status?: "success" | "error";
  requestId?: string;
  /** A reservation (rsv_…) from guard()/enforce that this call settles. */
  reservationId?: string;
  cost?: string | number;
};

export type BurnrateOptions = {
  /** An API key with the ingest scope (br_live_…). */
  apiKey: string;
  /** Where Burnrate runs, e.g. https://burnrate.example.com */
  baseUrl: string;
  /** Events per request (at most 1,000); a full batch is sent at once. Default 200. */
  batchSize?: number;
  /** Longest an event waits before it is sent, in ms. Default 1,000. */
  flushIntervalMs?: number;
  /** Most events held in memory; beyond, new events are dropped and counted. Default 10,000. */
  maxQueueSize?: number;
  /** Retries of a batch on 429, 5xx and network errors, with exponential backoff or Retry-After. Default 5. */
  maxRetries?: number;
  /** First backoff in ms (doubled per retry, with jitter, at most 30 s). Default 500. */
  retryBaseMs?: number;
  /** Per-request timeout in ms. Default 10,000. */
  timeoutMs?: number;
  /** Attribution added to every event and reservation (an event's own values win). */
  defaults?: Attribution;
  /** Called (never thrown) when events are dropped or rejected, or a limits call fails. */
  onError?: (error: Error) => void;
  /** What enforcement does when Burnrate cannot be reached: "open" lets the call go on (default), "closed" throws. */
  enforceFailMode?: "open" | "closed";
  /** fetch to use (tests, proxies). Default globalThis.fetch. */
  fetch?: typeof fetch;
  /** Flush when the process is about to exit (beforeExit). Default true. */
  flushOnExit?: boolean;
};

/** What the SDK has done with the events it was given. */
export type BurnrateStats = {
  /** Events accepted by Burnrate (duplicates of a retried batch included). */
  sent: number;
  /** Events dropped without being accepted: queue full, retries exhausted, key refused, invalid input. */
  dropped: number;
  /** Events Burnrate refused as invalid (4xx/207), a subset of dropped. */
  rejected: number;
  /** Events waiting to be sent. */
  queued: number;
};
