// biome-ignore-all lint/suspicious/noExplicitAny: wraps third-party clients whose types are not imported
import { randomUUID } from "node:crypto";
import { EventBatcher } from "./batcher.js";
import type { HttpConfig } from "./http.js";
import { intercept, observeStream } from "./intercept.js";
import { BudgetExceededError, type ReserveRequest, release, reserve, usdString } from "./limits.js";
import { anthropicAdapter, openaiAdapter, type ProviderAdapter, reserveBounds, type StreamState } from "./providers.js";
import type { Attribution, BurnrateOptions, BurnrateStats, UsageEvent } from "./types.js";

export type WrapOptions = Attribution & {
  tags?: Record<string, string>;
  /** Reserve before each call (limits API); a refusal throws BudgetExceededError before the provider is called. */
  enforce?: boolean;
  /** With enforce: the most a call may cost (USD); else it is priced from the model and token bounds. */
  maxCost?: string | number;
  /** With enforce and no maxCost: output tokens to reserve when the call sets no max_tokens. Default 4,096. */
  maxOutputTokens?: number;
};

/** An open reservation from guard(): track the call's event through it, or release it. */
export type Reservation = {
  reservationId: string;
  amount: string;
  expiresAt: Date;
  /** Tracks the call's usage event, settling the reservation with its actual cost. */
  track(event: UsageEvent): void;
  /** Returns the reservation's room at once (when the call did not happen or failed). */
  release(): Promise<void>;
  readonly settled: boolean;
};

/**
 * The Burnrate client: `track()` usage events (batched in the background), wrap the OpenAI and Anthropic
 * clients so that every call is tracked, and enforce hard caps with `guard()` or the wrappers' `enforce`.
 */
export class Burnrate {
  private readonly http: HttpConfig;
  private readonly batcher: EventBatcher;
  private readonly onError: (e: Error) => void;
  private readonly defaults: Attribution;
  private readonly failMode: "open" | "closed";
  private readonly retryBaseMs: number;
  private readonly exitHook: (() => void) | null = null;

  constructor(options: BurnrateOptions) {
    if (!options?.apiKey) throw new TypeError("Burnrate: apiKey is required");
    if (!options.baseUrl) throw new TypeError("Burnrate: baseUrl is required");
    this.onError = options.onError ?? ((e) => console.warn(`[burnrate] ${e.message}`));
    this.defaults = options.defaults ?? {};
    this.failMode = options.enforceFailMode ?? "open";
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.http = {
      apiKey: options.apiKey,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs ?? 10_000,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    };
    this.batcher = new EventBatcher(this.http, {
      batchSize: Math.min(Math.max(options.batchSize ?? 200, 1), 1000),
      flushIntervalMs: options.flushIntervalMs ?? 1000,
      maxQueueSize: options.maxQueueSize ?? 10_000,
      maxRetries: options.maxRetries ?? 5,
      retryBaseMs: this.retryBaseMs,
      onError: this.onError,
    });
    if (options.flushOnExit !== false && typeof process !== "undefined" && process.on) {
      this.exitHook = () => void this.batcher.flush();
      process.on("beforeExit", this.exitHook);
    }
  }

  /** Queues a usage event; never throws and never waits. eventId and timestamp are filled in when absent. */
  track(event: UsageEvent): void {
    try {
      if (!event || typeof event !== "object") throw new TypeError("track() takes a usage event object");
      const { timestamp, ...rest } = event;
      this.batcher.add({
        ...this.defaults,
        ...rest,
        eventId: event.eventId ?? randomUUID(),
        timestamp: timestamp instanceof Date ? timestamp.toISOString() : (timestamp ?? new Date().toISOString()),
      });
    } catch (err) {
      this.batcher.counts.dropped++;
      this.report(err);
    }
  }

  get stats(): BurnrateStats {
    return this.batcher.stats();
  }

  /** Sends what is queued; resolves when it is accepted (or dropped after retries). */
  flush(): Promise<void> {
    return this.batcher.flush();
  }

  /** Stops the background timer and flushes. Call it before the process exits. */
  async shutdown(): Promise<void> {
    if (this.exitHook) process.off("beforeExit", this.exitHook);
    await this.batcher.shutdown();
  }

  /**
   * Reserves `maxCost` (USD) against every hard-capped budget matching `attrs` (limits API). Refused: throws
   * BudgetExceededError (never retried). With `fn`, runs it with the reservation and releases the reservation
   * when fn throws or returns without having tracked through it. When Burnrate cannot be reached, the call goes
   * on without a reservation (null) unless enforceFailMode is "closed".
   */
  async guard(attrs: ReserveRequest, maxCost?: string | number): Promise<Reservation | null>;
  async guard<T>(
    attrs: ReserveRequest,
    maxCost: string | number | undefined,
    fn: (reservation: Reservation | null) => Promise<T>,
  ): Promise<T>;
  async guard<T>(
    attrs: ReserveRequest,
    maxCost?: string | number,
    fn?: (reservation: Reservation | null) => Promise<T>,
  ): Promise<Reservation | null | T> {
    const reservation = await this.reserve({
      ...attrs,
      ...(maxCost !== undefined ? { estimatedCost: usdString(maxCost) } : {}),
    });
    if (!fn) return reservation;
    try {
      const out = await fn(reservation);
      if (reservation && !reservation.settled) await reservation.release();
      return out;
    } catch (err) {
      if (reservation && !reservation.settled) await reservation.release();
      throw err;
    }
  }

  /** Wraps an `openai` client: chat.completions.create (and .stream()) and responses.create are tracked, streams too. */
  wrapOpenAI<T extends object>(client: T, options: WrapOptions = {}): T {
    return this.wrap(client, openaiAdapter, options);
  }

  /** Wraps an `@anthropic-ai/sdk` client: messages.create (streamed or not) and messages.stream are tracked. */
  wrapAnthropic<T extends object>(client: T, options: WrapOptions = {}): T {
    return this.wrap(client, anthropicAdapter, options);
  }

  private report(err: unknown): void {
    try {
      this.onError(err instanceof Error ? err : new Error(String(err)));
    } catch {
      // never into the caller
    }
  }

  private async reserve(body: ReserveRequest): Promise<Reservation | null> {
    let granted: Awaited<ReturnType<typeof reserve>>;
    try {
      granted = await reserve(this.http, { ...this.defaults, ...body }, this.retryBaseMs);
    } catch (err) {
      if (err instanceof BudgetExceededError || this.failMode === "closed") throw err;
      this.report(new Error(`enforcement skipped (fail open): ${(err as Error).message}`));
      return null;
    }
    let settled = false;
    return {
      reservationId: granted.reservationId,
      amount: granted.amount,
      expiresAt: new Date(granted.expiresAt),
      get settled() {
        return settled;
      },
      track: (event) => {
        settled = true;
        this.track({ ...event, reservationId: granted.reservationId });
      },
      release: async () => {
        if (settled) return;
        settled = true;
        await release(this.http, granted.reservationId).catch((err) => this.report(err));
      },
    };
  }

  private wrap<T extends object>(client: T, adapter: ProviderAdapter, options: WrapOptions): T {
    const { enforce, maxCost, maxOutputTokens, tags, ...attribution } = options;
    const call =
      (route: string) =>
      (original: (...a: any[]) => any, self: object) =>
      (params: any, requestOptions?: any): any => {
        const started = Date.now();
        const streaming = params?.stream === true;
        const { params: sent, injected } = streaming
          ? adapter.streamParams(route, params)
          : { params, injected: false };

        const record = (
          reservation: Reservation | null,
          data: { usage: any; model?: string; requestId?: string },
          failed: boolean,
        ) => {
          try {
            const usage = data.usage ? adapter.usage({ usage: data.usage }) : null;
            if (!usage) {
              void reservation?.release();
              return;
            }
            const event: UsageEvent = {
              ...attribution,
              provider: adapter.provider,
              model: data.model ?? String(params?.model),
              ...usage,
              latencyMs: Date.now() - started,
              status: failed ? "error" : "success",
              ...(data.requestId ? { requestId: data.requestId } : {}),
              ...(tags ? { tags } : {}),
            };
            if (reservation) reservation.track(event);
            else this.track(event);
          } catch (err) {
            this.report(err);
          }
        };

        /** The call's result as the caller gets it: tracked when it arrives (a stream: when it ends). */
        const observe = (reservation: Reservation | null) => (result: any) => {
          if (!streaming) {
            record(
              reservation,
              { usage: result?.usage, model: result?.model, requestId: adapter.requestId(result) },
              false,
            );
            return result;
          }
          const state: StreamState = { raw: null };
          return observeStream(
            result,
            (item) => {
              try {
                return adapter.streamItem(item, state, injected);
              } catch (err) {
                this.report(err);
                return true;
              }
            },
            (completed) =>
              record(reservation, { usage: state.raw, model: state.model, requestId: state.requestId }, !completed),
          );
        };

        /** The provider call, tracked; keeps the client's APIPromise (withResponse(), …) where it has one. */
        const start = (reservation: Reservation | null) => {
          let api: any;
          try {
            api = original.call(self, sent, requestOptions);
          } catch (err) {
            void reservation?.release();
            throw err;
          }
          const tracked =
            typeof api?._thenUnwrap === "function"
              ? api._thenUnwrap(observe(reservation))
              : Promise.resolve(api).then(observe(reservation));
          // A failed call (or one refused by the provider) holds nothing: its reservation is returned.
          Promise.resolve(tracked).then(undefined, () => reservation?.release());
          return tracked;
        };

        if (!enforce) return start(null);
        const bounds =
          maxCost !== undefined
            ? { estimatedCost: usdString(maxCost) }
            : reserveBounds(params, maxOutputTokens ?? 4096);
        const reserved = this.reserve({ ...attribution, model: params?.model, provider: adapter.provider, ...bounds });
        // Boxed, so that awaiting does not unwrap the APIPromise inside.
        const box = reserved.then((r) => ({ api: start(r) }));
        const result = box.then((b) => b.api);
        // Callers that use withResponse() never await `result`: its rejection is theirs through withResponse().
        result.then(undefined, () => {});
        return Object.assign(result, {
          withResponse: () => box.then((b) => b.api.withResponse()),
          asResponse: () => box.then((b) => b.api.asResponse()),
        });
      };
    const routes = Object.fromEntries(adapter.routes.map((route) => [route, call(route)]));
    // Stream helpers (Anthropic's messages.stream(), OpenAI's chat.completions.stream()) run their stream over the
    // client's create, through `this.create` or `this._client.…create`: give them a `this` where both are tracked.
    for (const [helper, create] of Object.entries(adapter.streamHelpers)) {
      const tracked = routes[create]!;
      const own = create.split(".").at(-1)!;
      routes[helper] =
        (original, self) =>
        (...args: any[]) =>
          original.apply(intercept(self, { [own]: tracked, [`_client.${create}`]: tracked }), args);
    }
    return intercept(client, routes);
  }
}
