// Limits benchmark (not a test): `npm run bench:limits`. Self-contained: a scratch database on the
// server of DATABASE_URL (default local), migrated; one organisation with BENCH_BUDGETS (1,000) hard-capped
// budgets: per team, per team+feature, "each customer", and one "each end user" budget with spend for
// BENCH_END_USERS (100,000) end users. Then, in-process (no HTTP server, no network):
//   - after a warm-up that waits for the value snapshot (cold start, reported apart), the check one
//     call after another (500), then the check, BENCH_CALLS (2,000), and the reservation,
//     BENCH_RESERVES (2,000), at BENCH_RATE (1,000) calls/s (open loop): p50/p99/max;
//   - the same through the route handler (GET /api/v1/limits as Next.js calls it: request guards,
//     the API key from the per-process cache, one Redis round trip for rate limit and versions),
//     for calls spread over the 100,000 end users and for a hot set of 50 call shapes (and how long
//     one read of the "each end user" budget's value snapshot takes, lib/limits/value-snapshots.ts);
//   - 100 concurrent reservers against a cap: granted total vs the cap (overshoot).
// Drops the database afterwards.
import { randomBytes } from "node:crypto";
import { DEFAULT_SERVER_URL, dropDatabase, ensureDatabase, withDatabase } from "../scripts/db-admin";
import { migrateDeploy } from "../scripts/migrate-deploy";
import { benchEnv, dropRedisPrefix, percentile, watchPhase } from "./support";

benchEnv();
process.env.RATE_LIMIT_PER_MINUTE = "100000000"; // measure the path, not the limit
process.env.BURNRATE_RESPONSE_CHECK = "off"; // as in production (NODE_ENV=production)
const BUDGETS = Number(process.env.BENCH_BUDGETS ?? 1000);
const END_USERS = Number(process.env.BENCH_END_USERS ?? 100_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
// Reservations go to Postgres in batches (lib/limits/reserve-batches.ts); their phase has a count of its own.
const RESERVES = Number(process.env.BENCH_RESERVES ?? 2000);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` `n` times at `rate` per second (open loop), returns the latencies in ms, sorted. */
async function atRate(n: number, rate: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const lat: number[] = [];
  const watched = watchPhase();
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const t0 = performance.now();
    pending.push(
      fn(i).then(
        () => void lat.push(performance.now() - t0),
        (err: unknown) => void errors.push(err instanceof Error ? err.message : String(err)),
      ),
    );
  }
  await Promise.all(pending);
  phaseNotes = watched();
  return lat.sort((a, b) => a - b);
}

/** The collector's pauses and the event loop's delay during the last phase (bench/support.ts watchPhase). */
let phaseNotes = "";

/** Calls that failed (a 503 when the pool is saturated, …) in the phase being measured; reported with it. */
let errors: string[] = [];

function fmt(l: number[]): string {
  const failed = errors.length ? `; ${errors.length} failed (first: ${errors[0]})` : "";
  errors = [];
  if (l.length === 0) return `no call succeeded${failed}`;
  const notes = phaseNotes ? `\n        ${phaseNotes}` : "";
  phaseNotes = "";
  return `p50 ${percentile(l, 50).toFixed(1)} ms, p99 ${percentile(l, 99).toFixed(1)} ms, max ${l[l.length - 1]!.toFixed(1)} ms${failed}${notes}`;
}

async function main() {
  const id = randomBytes(4).toString("hex");
  const databaseUrl = withDatabase(process.env.DATABASE_URL ?? DEFAULT_SERVER_URL, `burnrate_bench_limits_${id}`);
  await ensureDatabase(databaseUrl);
  await migrateDeploy(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  process.env.QUEUE_PREFIX = `brbench_${id}`;
  const { createBudget } = await import("@/lib/budgets");
  const { evaluateOrgBudgets } = await import("@/lib/budgets/evaluate-org-budgets");
  const { checkLimits } = await import("@/lib/limits/check-limits");
  const { reserveSpend } = await import("@/lib/limits/reserve-spend");
  const { signUp } = await import("@/lib/onboarding/sign-up");
  const { userContext } = await import("@/lib/tenancy/context");
  const { pgPool, closePgPool } = await import("@/lib/db/pg-pool");
  const { disconnectDb } = await import("@/lib/db");
  const { closeQueues } = await import("@/lib/queue/enqueue");
  try {
    const { user, org } = await signUp({
      email: `limits-${id}@bench.local`,
      password: `bench ${randomBytes(12).toString("hex")}`,
      organizationName: "Limits bench",
    });
    const ctx = userContext(org, user, "OWNER");
    const teams = Math.max(1, Math.floor((BUDGETS - 2) / 10));
    let made = 0;
    const budget = (scope: Record<string, string>, amount: string) =>
      createBudget(ctx, { name: `b${made++}`, scope, period: "month", amount, hardCap: true, thresholds: [] });
    for (let t = 0; t < teams && made < BUDGETS - 2; t++) {
      await budget({ team: `team-${t}` }, "1000");
      for (let f = 0; f < 9 && made < BUDGETS - 2; f++) await budget({ team: `team-${t}`, feature: `f-${f}` }, "100");
    }
    await budget({ customer: "*" }, "50");
    const perUser = await budget({ endUser: "*" }, "1");
    await evaluateOrgBudgets(org.id);
    // Spend of the "each end user" budget for END_USERS end users, as its evaluation would have saved it.
    const periodStart = (await pgPool().query(`SELECT "periodStart" FROM budget_period_spend LIMIT 1`)).rows[0]
      ?.periodStart as Date | undefined;
    const start = periodStart ?? new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    await pgPool().query(
      `INSERT INTO budget_period_spend ("orgId", "budgetId", "periodStart", "scopeValue", "periodEnd", "spentPico", "foldedBefore")
       SELECT $1, $2, $3, 'u' || g, $4, (g % 1000)::int8 * 1000000000, now() FROM generate_series(1, $5) g`,
      [org.id, perUser.id, start, end, END_USERS],
    );
    // As autovacuum would have by now: without statistics the planner may scan every value of the
    // "each end user" budget for one of them (15 ms instead of 0.01 ms a lookup).
    await pgPool().query("ANALYZE budget_period_spend");
    const count = (await pgPool().query(`SELECT count(*)::int AS n FROM budgets WHERE "orgId" = $1`, [org.id])).rows[0]
      .n;
    console.log(`${count} hard-capped budgets, ${END_USERS.toLocaleString("en-US")} end users with spend`);
    const call = (i: number) => ({
      team: `team-${i % teams}`,
      feature: `f-${i % 9}`,
      customer: `c-${i % 50}`,
      endUser: `u${(i * 7919) % END_USERS}`,
    });
    // Warm-up: price book, pools, budget cache, and the "each end user" budget's value snapshot
    // (its first read is this process's cold start; reported apart).
    const { heldValueSnapshot } = await import("@/lib/limits/value-snapshots");
    const cold = performance.now();
    let warm = 0;
    for (; !heldValueSnapshot(org.id, perUser.id, start) && warm < 5_000; warm++) await checkLimits(ctx, call(warm));
    console.log(
      `cold start: ${warm} checks (answered from Postgres) in ${(performance.now() - cold).toFixed(0)} ms until the value snapshot was read`,
    );
    const sequential: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t0 = performance.now();
      await checkLimits(ctx, call(i));
      sequential.push(performance.now() - t0);
    }
    console.log(`check   (500 one after another): ${fmt(sequential.sort((a, b) => a - b))}`);
    const checks = await atRate(CALLS, RATE, (i) => checkLimits(ctx, call(i)));
    console.log(`check   (${CALLS} at ${RATE}/s, 4 budgets match each): ${fmt(checks)}`);
    const { GET } = await import("@/app/api/v1/limits/route");
    const { NextRequest } = await import("next/server");
    const { createApiKey } = await import("@/lib/apikeys/create-api-key");
    const key = await createApiKey(ctx, { name: "bench", scopes: ["ingest"] });
    const viaRoute = async (c: Record<string, string>) => {
      const res = await GET(
        new NextRequest(`http://bench.local/api/v1/limits?${new URLSearchParams(c)}`, {
          headers: { authorization: `Bearer ${key.secret}` },
        }),
        { params: Promise.resolve({}) },
      );
      if (res.status !== 200) throw new Error(`limits route answered ${res.status}: ${await res.text()}`);
      await res.json();
    };
    for (let i = 0; i < 50; i++) await viaRoute(call(i)); // warm-up: key cache subscribed, versions created
    const routeSpread = await atRate(CALLS, RATE, (i) => viaRoute(call(i)));
    console.log(`route   (${CALLS} at ${RATE}/s, spread over the end users): ${fmt(routeSpread)}`);
    const held = heldValueSnapshot(org.id, perUser.id, start);
    console.log(
      held
        ? `value snapshot of the "each end user" budget: ${held.values.toLocaleString("en-US")} values, ${Date.now() - held.at} ms old`
        : `no value snapshot of the "each end user" budget is held`,
    );
    const routeHot = await atRate(CALLS, RATE, (i) => viaRoute(call(i % 50)));
    console.log(`route   (${CALLS} at ${RATE}/s, 50 hot call shapes): ${fmt(routeHot)}`);
    const reserves = await atRate(RESERVES, RATE, (i) => reserveSpend(ctx, { ...call(i), estimatedCost: "0.000001" }));
    console.log(`reserve (${RESERVES} at ${RATE}/s): ${fmt(reserves)}`);

    // Last, as a figure of its own: one full read of the snapshot (its 100,000 new objects would
    // burden the collector during a phase measured after it).
    const { readValueSnapshot } = await import("@/lib/limits/read-value-snapshot");
    const t0 = performance.now();
    const snap = await readValueSnapshot(
      org.id,
      { budget: { id: perUser.id, scope: { endUser: "*" } } as never, period: { start, end }, scopeValue: "" },
      { pageSize: 1_000, maxValues: 1_000_000 },
    );
    console.log(
      `one read of that snapshot (pages of 1,000 values): ${(performance.now() - t0).toFixed(0)} ms for ${snap?.values.size.toLocaleString("en-US")} values`,
    );
    const capCtx = ctx;
    await createBudget(capCtx, {
      name: "race",
      scope: { team: "race" },
      period: "month",
      amount: "1.00",
      hardCap: true,
    });
    const race = await Promise.allSettled(
      Array.from({ length: 100 }, () => reserveSpend(capCtx, { team: "race", estimatedCost: "0.03" })),
    );
    const granted = race.filter((r) => r.status === "fulfilled" && r.value.allowed && r.value.reservationId).length;
    const failed = race.filter((r) => r.status === "rejected").length;
    if (failed) console.log(`${failed} of the 100 reservers got an error (503: database busy)`);
    console.log(
      `100 concurrent reservers of $0.03 against $1.00: ${granted} granted = $${(granted * 0.03).toFixed(2)}`,
    );
  } finally {
    const { stopKeyCache } = await import("@/lib/apikeys/api-key-cache");
    stopKeyCache();
    await closeQueues().catch(() => {});
    await closePgPool().catch(() => {});
    await disconnectDb().catch(() => {});
    await dropDatabase(databaseUrl).catch(() => {});
    await dropRedisPrefix(`brbench_${id}`).catch(() => 0);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
