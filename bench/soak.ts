// Soak benchmark (not a test): `npm run bench:soak`. Self-contained: a throwaway Postgres and Redis
// and `npm start` on a free port (test/support/stack), never the machine's shared servers.
// Posts SOAK_RATE events/s (5,000) in SOAK_BATCH-event batches (500) for SOAK_MINUTES (30) from
// clients that retry as the README asks; restarts Postgres at 40% of the run and Redis at 60%.
// Reports accepted, stored and rolled-up counts, 5xx and unanswered counts, p99 latency before,
// during (30 s after each fault) and after, and web and worker RSS over the run.
import { readFileSync } from "node:fs";
import { type AppStack, startAppStack } from "@/test/support/stack/app-stack";
import { openLedger } from "@/test/support/stack/ledger";
import { makeBatch, newStats, postUntilAnswered } from "@/test/support/stack/retrying-client";
import { percentile } from "./support";

const minutes = Number(process.env.SOAK_MINUTES ?? 30);
const rate = Number(process.env.SOAK_RATE ?? 5_000);
const batchSize = Number(process.env.SOAK_BATCH ?? 500);
const maxInFlight = Number(process.env.SOAK_CLIENTS ?? 16);
const DURING_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssMb(pid: number | null): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

const rss = (stack: AppStack) => ({ web: rssMb(stack.pidOf("web")), worker: rssMb(stack.pidOf("worker")) });

async function main() {
  const durationMs = minutes * 60_000;
  console.log(`soak: ${minutes} min at ${rate} events/s, batches of ${batchSize}, ≤${maxInFlight} in flight`);
  const stack = await startAppStack();
  const ledger = await openLedger(stack.pg.url, stack.orgSlug);
  const stats = newStats();
  const rssTrail: { atMin: number; web: number | null; worker: number | null }[] = [];
  const t0 = Date.now();
  const faults: { what: string; at: number }[] = [];
  rssTrail.push({ atMin: 0, ...rss(stack) });

  const faulter = (async () => {
    await sleep(durationMs * 0.4);
    faults.push({ what: "postgres restart", at: Date.now() });
    await stack.pg.restart();
    await sleep(durationMs * 0.2);
    faults.push({ what: "redis restart", at: Date.now() });
    await stack.redis.restart(1_000);
  })();
  const sampler = setInterval(() => rssTrail.push({ atMin: (Date.now() - t0) / 60_000, ...rss(stack) }), 60_000);

  // Open-loop pacing: one batch every batchSize/rate seconds, as long as fewer than maxInFlight are out.
  const intervalMs = (batchSize / rate) * 1000;
  let inFlight = 0;
  let skipped = 0;
  const acceptedBatches = new Set<number>();
  const pending = new Set<Promise<unknown>>();
  for (let i = 0; Date.now() - t0 < durationMs; i++) {
    const due = t0 + i * intervalMs;
    if (due > Date.now()) await sleep(due - Date.now());
    if (inFlight >= maxInFlight) {
      skipped++;
      continue;
    }
    inFlight++;
    const p = postUntilAnswered(stack.baseUrl, stack.apiKey, makeBatch(batchSize), stats, {
      timeoutMs: 30_000,
    }).finally(() => {
      inFlight--;
      pending.delete(p);
    });
    pending.add(p);
  }
  await Promise.all(pending);
  await faulter;
  clearInterval(sampler);
  const sentFor = Date.now() - t0;
  rssTrail.push({ atMin: sentFor / 60_000, ...rss(stack) });

  const healthyMs = await stack.waitHealthy(30_000);
  const byBatch = await ledger.storedByPrefix();
  let storedEvents = 0;
  for (const n of byBatch.values()) storedEvents += n;
  const incompleteBatches = [...acceptedBatches].filter((b) => byBatch.get(`soak${b}`) !== batchSize).length;
  const rollups = await ledger.rollupsCaughtUp(120_000);

  const phase = (sent: number) => {
    if (sent < faults[0]!.at) return "before";
    if (faults.some((f) => sent >= f.at && sent < f.at + DURING_MS)) return "during";
    if (sent >= faults[1]!.at + DURING_MS) return "after";
    return "between";
  };
  const latency: Record<string, { requests: number; p50: number; p99: number; max: number }> = {};
  for (const name of ["before", "during", "between", "after"]) {
    const xs = stats.samples
      .filter(([sent]) => phase(sent) === name)
      .map(([, ms]) => ms)
      .sort((a, b) => a - b);
    latency[name] = { requests: xs.length, p50: percentile(xs, 50), p99: percentile(xs, 99), max: xs.at(-1) ?? 0 };
  }
  const statuses = Object.fromEntries([...stats.statuses].map(([k, v]) => [String(k), v]));
  const fiveXx = [...stats.statuses].filter(([k]) => typeof k === "number" && k >= 500);
  const report = {
    conditions: {
      minutes,
      rate,
      batchSize,
      maxInFlight,
      faults: faults.map((f) => `${f.what} at ${((f.at - t0) / 60_000).toFixed(1)} min`),
    },
    achievedEventsPerSecond: Math.round(stats.acceptedEvents / (sentFor / 1000)),
    batchesSkippedAtMaxInFlight: skipped,
    accepted: stats.acceptedEvents,
    stored: storedEvents,
    acceptedBatchesNotFullyStored: incompleteBatches,
    rolledUp: rollups.rolledUp,
    rollupMismatches: rollups.mismatches.length,
    rollupCatchUpMs: rollups.waitedMs,
    healthyAfterRunMs: healthyMs,
    statuses,
    fiveXxResponses: Object.fromEntries(fiveXx.map(([k, v]) => [String(k), v])),
    latencyMs: latency,
    rssMb: { start: rssTrail[0], end: rssTrail.at(-1), trail: rssTrail },
    processRestarts: (stack.output().match(/stopped unexpectedly/g) ?? []).length,
  };
  console.log(JSON.stringify(report, null, 2));
  await ledger.close();
  await stack.destroy();
  const ok = incompleteBatches === 0 && rollups.mismatches.length === 0 && rollups.rolledUp === storedEvents;
  process.exit(ok ? 0 : 1);
}

// Ctrl-C: exit through process.exit so that the stack's exit hooks stop its servers.
process.once("SIGINT", () => process.exit(130));
process.once("SIGTERM", () => process.exit(143));
await main();
