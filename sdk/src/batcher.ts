import { backoffMs, type HttpConfig, RetryableError, request } from "./http.js";
import type { BurnrateStats } from "./types.js";

export type BatcherOptions = {
  batchSize: number;
  flushIntervalMs: number;
  maxQueueSize: number;
  maxRetries: number;
  retryBaseMs: number;
  onError: (error: Error) => void;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Events waiting to go to POST /api/v1/events: sent in batches (full batch at once, else every interval),
 * gzipped, one request at a time, retried with backoff on 429/5xx/network errors (Retry-After honoured).
 * Memory is bounded: beyond maxQueueSize new events are dropped and counted. Nothing here ever throws to
 * the caller; failures go to onError and the counters.
 */
export class EventBatcher {
  private queue: Record<string, unknown>[] = [];
  private sending: Promise<void> | null = null;
  private readonly timer: ReturnType<typeof setInterval>;
  readonly counts = { sent: 0, dropped: 0, rejected: 0 };

  constructor(
    private readonly http: HttpConfig,
    private readonly opts: BatcherOptions,
  ) {
    this.timer = setInterval(() => void this.kick(), opts.flushIntervalMs);
    this.timer.unref?.();
  }

  stats(): BurnrateStats {
    return { ...this.counts, queued: this.queue.length };
  }

  add(event: Record<string, unknown>): void {
    if (this.queue.length >= this.opts.maxQueueSize) {
      this.drop(1, new Error(`Burnrate: queue full (${this.opts.maxQueueSize} events); event dropped`));
      return;
    }
    this.queue.push(event);
    if (this.queue.length >= this.opts.batchSize) void this.kick();
  }

  /** Sends everything queued now (and what is queued meanwhile); resolves when nothing is left or in flight. */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.sending !== null) await this.kick();
  }

  async shutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private kick(): Promise<void> {
    if (!this.sending && this.queue.length > 0) {
      this.sending = this.drain().finally(() => {
        this.sending = null;
      });
    }
    return this.sending ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      await this.send(this.queue.splice(0, this.opts.batchSize));
    }
  }

  private drop(n: number, error: Error, rejected = false): void {
    this.counts.dropped += n;
    if (rejected) this.counts.rejected += n;
    try {
      this.opts.onError(error);
    } catch {
      // the caller's handler must not break the SDK
    }
  }

  private async send(batch: Record<string, unknown>[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await request(this.http, "POST", "/api/v1/events", { events: batch }, { gzip: true });
        this.account(batch.length, res.status, res.body);
        return;
      } catch (err) {
        if (!(err instanceof RetryableError)) {
          this.drop(batch.length, err instanceof Error ? err : new Error(String(err)));
          return;
        }
        if (attempt >= this.opts.maxRetries) {
          this.drop(
            batch.length,
            new Error(`${err.message}; ${batch.length} events dropped after ${attempt + 1} tries`),
          );
          return;
        }
        await sleep(backoffMs(attempt, this.opts.retryBaseMs, err.retryAfterMs));
      }
    }
  }

  private account(n: number, status: number, body: unknown): void {
    if (status === 202) {
      this.counts.sent += n;
      return;
    }
    const rejected = (body as { rejected?: { eventId: string | null; issues: { path: string; message: string }[] }[] })
      ?.rejected;
    const first = rejected?.[0]?.issues?.[0];
    const why = first ? `${first.path}: ${first.message}` : JSON.stringify(body).slice(0, 300);
    if (status === 207 && Array.isArray(rejected)) {
      this.counts.sent += n - rejected.length;
      this.drop(rejected.length, new Error(`Burnrate rejected ${rejected.length} of ${n} events: ${why}`), true);
      return;
    }
    this.drop(n, new Error(`Burnrate answered ${status}; ${n} events dropped: ${why}`), status === 400);
  }
}
