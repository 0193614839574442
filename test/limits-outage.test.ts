// The limits API when its stores fail (issue 10), on a throwaway Postgres and Redis of this file
// (test/support/stack), never the machine's shared ones: Redis down → Postgres decides alone and
// reservations stay atomic; Redis back empty → figures read again, nothing phantom; both down →
// the organisation's fail mode answers (open by default, closed when set), and once Postgres is
// back `limits.degraded` is published. Expected figures are worked out by hand (1 token = $0.000001).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDeploy } from "../scripts/migrate-deploy";
import { type PostgresServer, startPostgresServer } from "./support/stack/postgres-server";
import { type RedisServer, startRedisServer } from "./support/stack/redis-server";

let pg: PostgresServer;
let redisServer: RedisServer;
// Loaded after the environment points at the throwaway servers.
let L: {
  createBudget: typeof import("@/lib/budgets").createBudget;
  checkLimits: typeof import("@/lib/limits/check-limits").checkLimits;
  reserveSpend: typeof import("@/lib/limits/reserve-spend").reserveSpend;
  releaseReservation: typeof import("@/lib/limits/release-reservation").releaseReservation;
  setCapFailMode: typeof import("@/lib/budgets/set-cap-fail-mode").setCapFailMode;
  budgetOrg: typeof import("./support/budget-helpers").budgetOrg;
  pgPool: typeof import("@/lib/db/pg-pool").pgPool;
  redis: typeof import("@/lib/redis/connection").redis;
  close: () => Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await what().catch(() => undefined as T);
    if (v !== undefined && ok(v)) return v;
    if (Date.now() - t0 > ms) throw new Error("timed out");
    await sleep(100);
  }
}

beforeAll(async () => {
  [pg, redisServer] = await Promise.all([startPostgresServer("burnrate_limits_outage"), startRedisServer()]);
  await migrateDeploy(pg.url);
  process.env.DATABASE_URL = pg.url;
  process.env.REDIS_URL = redisServer.url;
  const [budgets, check, reserve, release, failMode, helpers, pool, conn, close] = await Promise.all([
    import("@/lib/budgets"),
    import("@/lib/limits/check-limits"),
    import("@/lib/limits/reserve-spend"),
    import("@/lib/limits/release-reservation"),
    import("@/lib/budgets/set-cap-fail-mode"),
    import("./support/budget-helpers"),
    import("@/lib/db/pg-pool"),
    import("@/lib/redis/connection"),
    import("./support/close-connections"),
  ]);
  L = {
    createBudget: budgets.createBudget,
    checkLimits: check.checkLimits,
    reserveSpend: reserve.reserveSpend,
    releaseReservation: release.releaseReservation,
    setCapFailMode: failMode.setCapFailMode,
    budgetOrg: helpers.budgetOrg,
    pgPool: pool.pgPool,
    redis: conn.redis,
    close: async () => {
      await close.closeConnections();
      await conn.disconnectRedis();
    },
  };
  await L.redis().ping();
}, 180_000);

afterAll(async () => {
  await L?.close().catch(() => {});
  await Promise.all([pg?.destroy(), redisServer?.destroy()]);
}, 60_000);

const capAll = (org: Awaited<ReturnType<typeof L.budgetOrg>>, amount: string) =>
  L.createBudget(org, { name: "cap", scope: {}, period: "month", amount, hardCap: true });
const granted = (r: Awaited<ReturnType<typeof L.reserveSpend>>) => {
  if (!r.allowed || r.reservationId === null) throw new Error(`not granted: ${JSON.stringify(r)}`);
  return r.reservationId;
};

describe("limits when Redis fails", () => {
  it("Redis down: the check reads Postgres, reservations stay atomic; back empty: no phantom figure", async () => {
    const org = await L.budgetOrg("outage-redis");
    await capAll(org, "1.00");
    granted(await L.reserveSpend(org, { estimatedCost: "0.40" }));
    expect((await L.checkLimits(org, {})).budgets[0]).toMatchObject({ reserved: "0.4" });

    await redisServer.stop();
    const t0 = Date.now();
    expect((await L.checkLimits(org, {})).budgets[0]).toMatchObject({ reserved: "0.4", remaining: "0.6" });
    expect(Date.now() - t0).toBeLessThan(1_000); // no waiting on the reconnection
    const during = granted(await L.reserveSpend(org, { estimatedCost: "0.50" }));
    // 0.40 + 0.50 held: 0.20 more would pass the cap.
    const results = await Promise.all(Array.from({ length: 10 }, () => L.reserveSpend(org, { estimatedCost: "0.05" })));
    expect(results.filter((r) => r.allowed)).toHaveLength(2); // 0.90 + 2 x 0.05 = 1.00
    expect((await L.checkLimits(org, {})).budgets[0]).toMatchObject({ reserved: "1", capped: true });

    await redisServer.start(); // empty: it kept nothing
    await until(
      () => L.redis().ping(),
      (p) => p === "PONG",
    );
    await L.releaseReservation(org, { reservationId: during });
    expect((await L.checkLimits(org, {})).budgets[0]).toMatchObject({ reserved: "0.5", remaining: "0.5" });
    expect((await L.checkLimits(org, {})).budgets[0]).toMatchObject({ reserved: "0.5" });
  });
});

describe("limits when Postgres and Redis both fail", () => {
  it("fail-open by default: allowed with degraded, then limits.degraded once Postgres is back", async () => {
    const org = await L.budgetOrg("outage-open");
    await capAll(org, "1.00");
    expect((await L.checkLimits(org, {})).allowed).toBe(true);

    await Promise.all([redisServer.stop(), pg.stop()]);
    const check = await L.checkLimits(org, {});
    const reserve = await L.reserveSpend(org, { estimatedCost: "0.10" });
    expect(check).toMatchObject({ allowed: true, degraded: "fail_open", budgets: [] });
    expect(reserve).toEqual({ allowed: true, reservationId: null, degraded: "fail_open" });

    await Promise.all([redisServer.start(), pg.start()]);
    await until(
      () => L.checkLimits(org, {}),
      (r) => !("degraded" in r) || r.degraded === undefined,
    );
    const event = await until(
      () =>
        L.pgPool().query(`SELECT data FROM outbox_events WHERE "orgId" = $1 AND type = 'limits.degraded'`, [org.orgId]),
      (r) => r.rowCount === 1,
    );
    expect(event.rows[0].data).toMatchObject({ mode: "open" });
    expect(event.rows[0].data.answers).toBeGreaterThanOrEqual(2); // the check and the reservation, and any during recovery
  }, 90_000);

  it("fail-closed when the organisation says so: refused with degraded", async () => {
    const org = await L.budgetOrg("outage-closed");
    await capAll(org, "1.00");
    await L.setCapFailMode(org, { failMode: "closed" });
    expect((await L.checkLimits(org, {})).allowed).toBe(true);

    await Promise.all([redisServer.stop(), pg.stop()]);
    expect(await L.checkLimits(org, {})).toMatchObject({ allowed: false, degraded: "fail_closed" });
    expect(await L.reserveSpend(org, { estimatedCost: "0.10" })).toEqual({
      allowed: false,
      reservationId: null,
      degraded: "fail_closed",
    });
    await Promise.all([redisServer.start(), pg.start()]);
    await until(
      () => L.checkLimits(org, {}),
      (r) => r.allowed && !("degraded" in r && r.degraded),
    );
  }, 90_000);
});
