// The limits API's answer when Postgres cannot be reached from this process (lib/limits check-limits,
// reserve-spend, fail-mode): the run's real Redis stays up while the process's two Postgres clients
// (the SQL pool and Prisma) are swapped for real ones pointed at a port nothing listens on, so every
// read is refused (ECONNREFUSED), as in an outage. The organisation's fail mode answers: "closed" as
// last read refuses; an organisation never read in this process is open (the default).
// test/limits-outage.test.ts stops whole servers instead, and is too slow for mutation runs.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBudget } from "@/lib/budgets";
import { setCapFailMode } from "@/lib/budgets/set-cap-fail-mode";
import { PrismaClient } from "@/lib/db/generated/client";
import { pgPool } from "@/lib/db/pg-pool";
import { lastKnownCapOrg } from "@/lib/limits/cap-budgets";
import { checkLimits } from "@/lib/limits/check-limits";
import { reserveSpend } from "@/lib/limits/reserve-spend";
import { bumpOrgVersion } from "@/lib/redis/cap-versions";
import { disconnectRedis, redis } from "@/lib/redis/connection";
import { budgetOrg } from "./support/budget-helpers";
import { closeConnections } from "./support/close-connections";

beforeAll(async () => {
  await redis().ping();
});
afterAll(async () => {
  await closeConnections();
  await disconnectRedis();
});

const DEAD = "postgresql://postgres@127.0.0.1:1/burnrate";
const clients = globalThis as unknown as { burnratePgPool?: pg.Pool; burnratePrisma?: PrismaClient };

async function withPostgresRefused<T>(run: () => Promise<T>): Promise<T> {
  const saved = { pool: clients.burnratePgPool, prisma: clients.burnratePrisma };
  const pool = new pg.Pool({ connectionString: DEAD, connectionTimeoutMillis: 2_000 });
  const prisma = new PrismaClient({
    adapter: new PrismaPg(new pg.Pool({ connectionString: DEAD, connectionTimeoutMillis: 2_000 }), {
      disposeExternalPool: true,
    }),
  });
  clients.burnratePgPool = pool;
  clients.burnratePrisma = prisma;
  try {
    return await run();
  } finally {
    clients.burnratePgPool = saved.pool;
    clients.burnratePrisma = saved.prisma;
    await pool.end();
    await prisma.$disconnect();
  }
}

describe("limits when this process cannot reach Postgres", () => {
  it("fail-closed as the organisation was last read: the check and the reservation are refused, degraded", async () => {
    const org = await budgetOrg("fail-closed");
    await createBudget(org, { name: "cap", scope: {}, period: "month", amount: "1.00", hardCap: true });
    await setCapFailMode(org, { failMode: "closed" });
    expect(await checkLimits(org, {})).toMatchObject({ allowed: true, budgets: [{ remaining: "1" }] });
    expect(lastKnownCapOrg(org.orgId)?.failMode).toBe("closed");
    // The budgets changed elsewhere: the copy is not confirmed, so the check must read Postgres.
    await bumpOrgVersion(org.orgId);

    const [check, reserve] = await withPostgresRefused(() =>
      Promise.all([checkLimits(org, {}), reserveSpend(org, { estimatedCost: "0.10" })]),
    );
    expect(check).toEqual({ allowed: false, asOf: expect.any(String), budgets: [], degraded: "fail_closed" });
    expect(reserve).toEqual({ allowed: false, reservationId: null, degraded: "fail_closed" });

    // Postgres answers again: the next answered check reports the two outage answers, once.
    expect(await checkLimits(org, {})).toMatchObject({ allowed: true, budgets: [{ remaining: "1" }] });
    const degraded = async () =>
      (
        await pgPool().query(`SELECT data FROM outbox_events WHERE "orgId" = $1 AND type = 'limits.degraded'`, [
          org.orgId,
        ])
      ).rows.map((r) => r.data);
    for (let i = 0; i < 200 && (await degraded()).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await degraded()).toEqual([expect.objectContaining({ mode: "closed", answers: 2 })]);
  });

  it("an organisation this process never read fails open (the default)", async () => {
    const org = await budgetOrg("fail-unknown");
    expect(lastKnownCapOrg(org.orgId)).toBeUndefined();

    const [check, reserve] = await withPostgresRefused(() =>
      Promise.all([checkLimits(org, {}), reserveSpend(org, { estimatedCost: "0.10" })]),
    );
    expect(check).toEqual({ allowed: true, asOf: expect.any(String), budgets: [], degraded: "fail_open" });
    expect(reserve).toEqual({ allowed: true, reservationId: null, degraded: "fail_open" });
  });
});
