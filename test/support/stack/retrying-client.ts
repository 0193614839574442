// Clients that behave as the README asks: on no answer, 503 or 429 they wait (Retry-After when given)
// and send the same batch again, same eventIds, until it gets a definite answer. They record which
// events got a 202, every status seen and every latency, for the fault suite and bench/soak.
import { randomUUID } from "node:crypto";

export type ClientStats = {
  /** eventIds of every batch answered 202 (unless posted with trackIds: false). */
  accepted: Set<string>;
  /** How many events were answered 202. */
  acceptedEvents: number;
  statuses: Map<number | "no answer", number>;
  /** [time sent (ms since epoch), latency ms, status] of every attempt. */
  samples: [number, number, number | "no answer"][];
};

export function newStats(): ClientStats {
  return { accepted: new Set(), acceptedEvents: 0, statuses: new Map(), samples: [] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `size` valid events; eventIds are random, or `${idPrefix}-${i}` when a prefix is given. */
export function makeBatch(size: number, { hoursBack = 6, idPrefix }: { hoursBack?: number; idPrefix?: string } = {}) {
  return Array.from({ length: size }, (_, i) => ({
    eventId: idPrefix ? `${idPrefix}-${i}` : randomUUID(),
    timestamp: new Date(Date.now() - (i % hoursBack) * 3_600_000).toISOString(),
    provider: "openai",
    model: i % 2 ? "gpt-4o-mini" : "gpt-4o",
    inputTokens: 100 + (i % 5000),
    outputTokens: 10 + (i % 700),
    team: ["a", "b", "c", "d"][i % 4],
    customer: `c${i % 7}`,
  }));
}

/**
 * Posts one batch until it is answered with anything but 503/429/no answer; returns that status.
 * `keepSamples: false` keeps only counts (long soaks).
 */
export async function postUntilAnswered(
  baseUrl: string,
  apiKey: string,
  events: { eventId: string }[],
  stats: ClientStats,
  opts: { timeoutMs?: number; keepSamples?: boolean; trackIds?: boolean; giveUp?: () => boolean } = {},
): Promise<number | "gave up"> {
  const body = JSON.stringify({ events });
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0 && opts.giveUp?.()) return "gave up";
    const sent = Date.now();
    let status: number | "no answer" = "no answer";
    let retryAfter = 0;
    try {
      const res = await fetch(`${baseUrl}/api/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      });
      status = res.status;
      retryAfter = Number(res.headers.get("retry-after") ?? 0);
      await res.arrayBuffer();
    } catch {}
    stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
    if (opts.keepSamples !== false) stats.samples.push([sent, Date.now() - sent, status]);
    if (status === 202) {
      stats.acceptedEvents += events.length;
      if (opts.trackIds !== false) for (const e of events) stats.accepted.add(e.eventId);
    }
    if (status !== "no answer" && status !== 503 && status !== 429) return status;
    await sleep(retryAfter > 0 ? retryAfter * 1000 : Math.min(200 * 2 ** attempt, 2_000));
  }
}

/** `clients` loops posting fresh batches of `batchSize` until `until()` is true. */
export async function runClients(
  baseUrl: string,
  apiKey: string,
  stats: ClientStats,
  opts: { clients?: number; batchSize?: number; until: () => boolean; giveUp?: () => boolean },
): Promise<void> {
  const { clients = 4, batchSize = 100, until, giveUp } = opts;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!until()) {
        const status = await postUntilAnswered(baseUrl, apiKey, makeBatch(batchSize), stats, { giveUp });
        if (status !== 202 && status !== "gave up") throw new Error(`a batch got ${status}`);
      }
    }),
  );
}
