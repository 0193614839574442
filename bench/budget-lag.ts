// Budget freshness benchmark (not a test): `npm run bench:budget-lag`. Self-contained: it makes a scratch
// database on the server of DATABASE_URL (default local), migrates it, starts the real worker process on
// its own queue prefix, then ingests BENCH_EVENTS (50) single events one after another and records, per
// event, the time from ingestBatch returning (the events are committed: what the 202 waits for) to
// getBudgetStatus showing the new spend (ingest -> rollup job -> fold -> budgets job -> evaluation).
// Prints p50/p95/max; drops the database and the Redis keys afterwards.
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { DEFAULT_SERVER_URL, dropDatabase, ensureDatabase, withDatabase } from "../scripts/db-admin";
import { migrateDeploy } from "../scripts/migrate-deploy";
import { benchEnv, dropRedisPrefix, percentile } from "./support";

benchEnv();
const events = Number(process.env.BENCH_EVENTS ?? 50);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const id = randomBytes(4).toString("hex");
  const databaseUrl = withDatabase(process.env.DATABASE_URL ?? DEFAULT_SERVER_URL, `burnrate_bench_budget_${id}`);
  await ensureDatabase(databaseUrl);
  await migrateDeploy(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  process.env.QUEUE_PREFIX = `brbench_${id}`;
  const worker = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], {
    env: { ...process.env, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // Imported after the environment points at the scratch database and prefix.
  const { createBudget, getBudgetStatus } = await import("@/lib/budgets");
  const { ingestBatch } = await import("@/lib/ingest/ingest-batch");
  const { createOverride } = await import("@/lib/pricing/overrides/create-override");
  const { signUp } = await import("@/lib/onboarding/sign-up");
  const { userContext } = await import("@/lib/tenancy/context");
  const { pgPool, closePgPool } = await import("@/lib/db/pg-pool");
  const { disconnectDb } = await import("@/lib/db");
  const { closeQueues } = await import("@/lib/queue/enqueue");
  try {
    const { user, org } = await signUp({
      email: `budget-lag-${id}@bench.local`,
      password: "bench-password",
      organizationName: "Budget lag",
    });
    const ctx = userContext(org, user, "OWNER");
    await createOverride(ctx, {
      kind: "CUSTOM_PRICE",
      provider: "self-hosted",
      model: "bench-7b",
      prices: { input: "1", output: "0" },
    });
    const budget = await createBudget(ctx, { name: "monthly", period: "month", amount: "1000" });
    const markCleared = async () =>
      (await pgPool().query(`SELECT 1 FROM budget_marks WHERE "orgId" = $1`, [org.id])).rowCount === 0;
    const up = Date.now();
    while (!(await markCleared())) {
      if (Date.now() - up > 120_000) throw new Error("the worker did not start");
      await sleep(100);
    }
    const lags: number[] = [];
    let spentMicros = 0;
    for (let i = 0; i < events; i++) {
      const tokens = 1000 + i; // 1 token = $0.000001
      await ingestBatch(
        org.id,
        [
          {
            eventId: randomUUID(),
            timestamp: new Date().toISOString(),
            provider: "self-hosted",
            model: "bench-7b",
            inputTokens: tokens,
            outputTokens: 0,
          },
        ],
        {},
      );
      const committed = performance.now();
      spentMicros += tokens;
      const expected = (spentMicros / 1e6).toFixed(6).replace(/0+$/, "");
      while ((await getBudgetStatus(ctx, budget.id)).spent !== expected) {
        if (performance.now() - committed > 30_000) throw new Error(`event ${i} not reflected within 30 s`);
        await sleep(25);
      }
      lags.push(performance.now() - committed);
      await sleep(100 + Math.random() * 900); // events arrive at random points of a second
    }
    lags.sort((a, b) => a - b);
    console.log(
      `${events} events, commit -> budget status: p50 ${percentile(lags, 50).toFixed(0)} ms, p95 ${percentile(lags, 95).toFixed(0)} ms, max ${lags[lags.length - 1]!.toFixed(0)} ms`,
    );
  } finally {
    worker.kill("SIGTERM");
    await closeQueues();
    await closePgPool();
    await disconnectDb();
    await sleep(1000);
    await dropDatabase(databaseUrl).catch(() => {});
    await dropRedisPrefix(`brbench_${id}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
