// The limits API's fast path against the run's real Postgres and Redis (issue 10): per-process
// copies of the cap figures trusted only while Redis holds the versions they were read under
// (a write that does not bump is invisible until a bump, a flush or the age limit; a flush can
// only cause a re-read), the rate limit and the versions in one round trip, the period rolling
// over at the exact boundary of the organisation's time zone, overrides, the dry run, and the
// API key cache that hears revocations. Expected figures are worked out by hand from house-7b's
// price (1 token = $0.000001).
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKeyCached, keyCacheListening } from "@/lib/apikeys/api-key-cache";
import { createApiKey } from "@/lib/apikeys/create-api-key";
import { revokeApiKey } from "@/lib/apikeys/revoke-api-key";
import { createBudget, setOrganizationTimeZone } from "@/lib/budgets";
import { evaluateOrgBudgets } from "@/lib/budgets/evaluate-org-budgets";
import { listCappedScopes } from "@/lib/budgets/list-capped-scopes";
import { listCapOverrides, overrideCap } from "@/lib/budgets/override-cap";
import { onBudgetEvent, type BudgetEvent } from "@/lib/budgets/publish-budget-event";
import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { CAP_CACHE_MAX_AGE_MS } from "@/lib/limits/cap-budgets";
import { checkLimits } from "@/lib/limits/check-limits";
import { dryRunCap } from "@/lib/limits/dry-run-cap";
import { limitsRoundTrip } from "@/lib/limits/limits-round-trip";
import { reserveSpend } from "@/lib/limits/reserve-spend";
import { bumpValueVersions } from "@/lib/redis/cap-versions";
import { redis, redisKey } from "@/lib/redis/connection";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import { budgetOrg, costing, spendMany } from "./support/budget-helpers";
import { closeConnections } from "./support/close-connections";

afterAll(closeConnections);
beforeAll(async () => {
  await redis().ping(); // the shared connection is up before the first check (else it reads Postgres)
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cap = (org: Awaited<ReturnType<typeof budgetOrg>>, amount: string, scope: Record<string, string> = {}) =>
  createBudget(org, { name: `cap ${JSON.stringify(scope)}`, scope, period: "month", amount, hardCap: true });
const aMinuteAgo = () => new Date(Date.now() - 60_000);

/** A hold written behind the API's back (as another process would, before its version bump). */
async function sneakHold(orgId: string, budgetId: string, periodStart: string, amountPico: string) {
  const id = `rsv_sneak_${Math.random().toString(36).slice(2)}`;
  const expiresAt = new Date(Date.now() + 600_000);
  await pgPool().query(
    `INSERT INTO reservations ("orgId", id, "amountPico", attributes, "expiresAt") VALUES ($1, $2, $3, '{}', $4)`,
    [orgId, id, amountPico, expiresAt],
  );
  await pgPool().query(
    `INSERT INTO reservation_holds ("orgId", "reservationId", "budgetId", "periodStart", "scopeValue", "amountPico", "expiresAt")
     VALUES ($1, $2, $3, $4, '', $5, $6)`,
    [orgId, id, budgetId, periodStart, amountPico, expiresAt],
  );
}

describe("limits: one Redis round trip", () => {
  it("counts the rate-limit window and creates missing versions as integers that INCR can bump", async () => {
    const rate = { key: redisKey("ratelimit", "rt-test", String(Date.now())), cost: 1, ttlSeconds: 61 };
    const v = redisKey("capv", "rt-test", String(Math.random()));
    const first = await limitsRoundTrip(rate, [v], []);
    const second = await limitsRoundTrip(rate, [v], []);
    expect([first.used, second.used]).toEqual([1, 2]);
    expect(first.versions[0]).toMatch(/^\d+$/);
    expect(second.versions).toEqual(first.versions); // created once, then read
    expect(await redis().incr(v)).toBe(Number(first.versions[0]) + 1);
    expect(await redis().ttl(rate.key)).toBeGreaterThan(55);
    // Several missing at once: each its own integer (one random seed per call, plus the position),
    // none a small number an earlier life of the key may have had.
    const three = [1, 2, 3].map(() => redisKey("capv", "rt-test", String(Math.random())));
    const created = await limitsRoundTrip(null, three, []);
    expect(new Set(created.versions).size).toBe(3);
    for (const x of created.versions) {
      expect(x).toMatch(/^\d+$/);
      expect(Number(x)).toBeGreaterThan(1_000);
    }
    expect(await redis().mget(three)).toEqual(created.versions);
  });
});

describe("limits: cached figures", () => {
  it("a copy is trusted only while its versions hold: an unbumped write is invisible, a bump shows it", async () => {
    const org = await budgetOrg("fast-copy");
    const b = await cap(org, "1.00");
    const first = await checkLimits(org, {});
    expect(first.budgets[0]).toMatchObject({ reserved: "0", remaining: "1" });
    await checkLimits(org, {}); // now cached under the versions it saw
    await sneakHold(org.orgId, b.id, first.budgets[0]!.periodStart, "300000000000"); // $0.30
    expect((await checkLimits(org, {})).budgets[0]).toMatchObject({ reserved: "0" }); // the copy
    await bumpValueVersions(org.orgId, [
      { budgetId: b.id, periodStart: new Date(first.budgets[0]!.periodStart), scopeValue: "" },
    ]);
    expect((await checkLimits(org, {})).budgets[0]).toMatchObject({ reserved: "0.3", remaining: "0.7" });
  });

  it("a Redis flush loses the versions: the next check reads Postgres, no stale figure survives", async () => {
    const org = await budgetOrg("fast-flush");
    const b = await cap(org, "1.00");
    const first = await checkLimits(org, {});
    await checkLimits(org, {});
    await sneakHold(org.orgId, b.id, first.budgets[0]!.periodStart, "450000000000"); // $0.45
    expect((await checkLimits(org, {})).budgets[0]).toMatchObject({ reserved: "0" });
    // The flush, limited to this run's keys (the Redis is shared with the other suites).
    const keys = await redis().keys(redisKey("capv", org.orgId, "*"));
    keys.push(redisKey("capv", org.orgId));
    await redis().del(...keys);
    expect((await checkLimits(org, {})).budgets[0]).toMatchObject({ reserved: "0.45", remaining: "0.55" });
  });

  it("a copy older than the age limit is read again even if no version moved", async () => {
    const org = await budgetOrg("fast-age");
    const b = await cap(org, "1.00");
    const first = await checkLimits(org, {});
    await checkLimits(org, {});
    await sneakHold(org.orgId, b.id, first.budgets[0]!.periodStart, "100000000000"); // $0.10
    await sleep(CAP_CACHE_MAX_AGE_MS + 50);
    expect((await checkLimits(org, {})).budgets[0]).toMatchObject({ reserved: "0.1" });
  });

  it("a budget added without a version bump caps within the age limit plus one read; no call waits on that read", async () => {
    const org = await budgetOrg("fast-org-age");
    await cap(org, "1.00", { team: "a" });
    expect((await checkLimits(org, { team: "b" })).budgets).toEqual([]);
    // As another process whose bump never reached Redis: the budget is in Postgres only.
    await db().budget.create({
      data: { orgId: org.orgId, name: "sneaked", scope: { team: "b" }, period: "month", amountPico: 0n, hardCap: true },
    });
    expect((await checkLimits(org, { team: "b" })).budgets).toEqual([]); // the version vouches for the copy
    await sleep(CAP_CACHE_MAX_AGE_MS + 50);
    // Past the age limit the copy still answers this call, and one read replaces it meanwhile.
    expect((await checkLimits(org, { team: "b" })).budgets).toEqual([]);
    let seen: Awaited<ReturnType<typeof checkLimits>> | undefined;
    for (let i = 0; i < 50 && !seen?.budgets.length; i++) {
      await sleep(20);
      seen = await checkLimits(org, { team: "b" });
    }
    expect(seen).toMatchObject({ allowed: false, budgets: [{ name: "sneaked", amount: "0", remaining: "0" }] });
    // Raised behind the API's back too: the same count of budgets, a later updatedAt.
    await db().budget.updateMany({ where: { orgId: org.orgId, name: "sneaked" }, data: { amountPico: 10n ** 12n } });
    await sleep(CAP_CACHE_MAX_AGE_MS + 50);
    seen = undefined;
    for (let i = 0; i < 50 && !seen?.allowed; i++) {
      seen = await checkLimits(org, { team: "b" });
      await sleep(20);
    }
    expect(seen).toMatchObject({ allowed: true, budgets: [{ name: "sneaked", amount: "1", remaining: "1" }] });
  });

  it("reserve, settle, release and evaluation each show in the very next check", async () => {
    const org = await budgetOrg("fast-writes");
    await cap(org, "1.00", { team: "search" });
    await checkLimits(org, { team: "search" });
    const r = await reserveSpend(org, { team: "search", estimatedCost: "0.40" });
    if (!r.allowed || r.reservationId === null) throw new Error("refused");
    expect((await checkLimits(org, { team: "search" })).budgets[0]).toMatchObject({ reserved: "0.4" });
    await ingestBatch(
      org.orgId,
      [costing("0.25", aMinuteAgo(), { team: "search", reservationId: r.reservationId })],
      {},
    );
    expect((await checkLimits(org, { team: "search" })).budgets[0]).toMatchObject({ spent: "0", reserved: "0.25" });
    await foldDeltas(org.orgId);
    await evaluateOrgBudgets(org.orgId);
    expect((await checkLimits(org, { team: "search" })).budgets[0]).toMatchObject({ spent: "0.25", reserved: "0" });
    const r2 = await reserveSpend(org, { team: "search", estimatedCost: "0.70" });
    if (!r2.allowed || r2.reservationId === null) throw new Error("refused");
    expect((await checkLimits(org, { team: "search" })).allowed).toBe(true); // 0.25 + 0.70 < 1
    expect((await checkLimits(org, { team: "search" })).budgets[0]).toMatchObject({ remaining: "0.05" });
  });
});

describe("limits: period rollover", () => {
  it("a monthly cap resets at midnight of the organisation's time zone, to the millisecond", async () => {
    const org = await budgetOrg("fast-rollover");
    await setOrganizationTimeZone(org, "America/New_York");
    await cap(org, "0.50");
    await spendMany(org.orgId, [costing("0.60", aMinuteAgo())]);
    await evaluateOrgBudgets(org.orgId);
    const now = new Date();
    // The first instant of next month in New York: of the UTC hours that could be its midnight
    // (EST -5, EDT -4), the one New York reads as 00:00 on the 1st.
    const parts = (d: Date) =>
      Object.fromEntries(
        new Intl.DateTimeFormat("en-US", {
          timeZone: "America/New_York",
          year: "numeric",
          month: "numeric",
          day: "numeric",
          hour: "numeric",
          hourCycle: "h23",
        })
          .formatToParts(d)
          .filter((p) => p.type !== "literal")
          .map((p) => [p.type, Number(p.value)]),
      );
    const here = parts(now);
    const boundary = [4, 5]
      .map((h) => new Date(Date.UTC(here.year!, here.month!, 1, h))) // month index here.month = next month
      .find((d) => parts(d).day === 1 && parts(d).hour === 0)!;
    const before = await checkLimits(org, {}, new Date(boundary.getTime() - 1));
    const after = await checkLimits(org, {}, boundary);
    expect(before).toMatchObject({ allowed: false, budgets: [{ spent: "0.6", capped: true }] });
    expect(before.budgets[0]!.resetsAt).toBe(boundary.toISOString());
    expect(after).toMatchObject({
      allowed: true,
      budgets: [{ spent: "0", capped: false, periodStart: boundary.toISOString() }],
    });
  });
});

describe("limits: manual override", () => {
  it("allows a capped scope another $X this period: audited, listed, the cap released once", async () => {
    const org = await budgetOrg("fast-override");
    const budget = await cap(org, "0.50", { customer: "*" });
    const events: BudgetEvent[] = [];
    const off = onBudgetEvent((e) => e.orgId === org.orgId && events.push(e));
    await spendMany(org.orgId, [costing("0.60", aMinuteAgo(), { customer: "acme" })]);
    await evaluateOrgBudgets(org.orgId);
    expect((await checkLimits(org, { customer: "acme" })).allowed).toBe(false);
    expect((await listCappedScopes(org))[0]).toMatchObject({ budgetId: budget.id, scopeValue: "acme", cap: "0.5" });

    await expect(overrideCap(org, budget.id, { amount: "0.25" })).rejects.toMatchObject({
      code: "invalid_request",
      issues: [{ path: "scopeValue" }],
    });
    const o = await overrideCap(org, budget.id, { amount: "0.25", scopeValue: "acme", reason: "launch week" });
    expect(o).toMatchObject({ scopeValue: "acme", amount: "0.25", reason: "launch week" });
    expect(o.createdBy).toMatch(/^fast-override-.*@test\.local$/);
    // 0.50 + 0.25 = 0.75 cap; 0.60 spent: 0.15 left for acme, none more for anyone else.
    expect((await checkLimits(org, { customer: "acme" })).budgets[0]).toMatchObject({
      amount: "0.75",
      override: "0.25",
      remaining: "0.15",
      capped: false,
    });
    expect((await checkLimits(org, { customer: "globex" })).budgets[0]).toMatchObject({ amount: "0.5" });
    await evaluateOrgBudgets(org.orgId);
    await evaluateOrgBudgets(org.orgId);
    off();
    const capEvents = events.filter((e) => e.type === "budget.capped" || e.type === "budget.released");
    expect(capEvents.map((e) => [e.type, e.data.scopeValue, e.data.amount])).toEqual([
      ["budget.capped", "acme", "0.5"],
      ["budget.released", "acme", "0.75"],
    ]);
    expect(await listCappedScopes(org)).toEqual([]);
    expect((await listCapOverrides(org, budget.id)).map((x) => x.amount)).toEqual(["0.25"]);
    const audit = await pgPool().query(`SELECT action FROM audit_logs WHERE "orgId" = $1 AND action = $2`, [
      org.orgId,
      "budget.cap_overridden",
    ]);
    expect(audit.rowCount).toBe(1);
  });

  it("refuses to override a budget without a hard cap, or another organisation's", async () => {
    const a = await budgetOrg("fast-override-a");
    const b = await budgetOrg("fast-override-b");
    const soft = await createBudget(a, { name: "soft", period: "month", amount: "1" });
    await expect(overrideCap(a, soft.id, { amount: "1" })).rejects.toMatchObject({ code: "conflict" });
    const theirs = await cap(b, "1.00");
    await expect(overrideCap(a, theirs.id, { amount: "1" })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("limits: dry run", () => {
  it("names the scopes a cap would hold now and what it would have refused last month", async () => {
    const org = await budgetOrg("fast-dryrun");
    await pgPool().query(`UPDATE organizations SET "allowBackfill" = true WHERE id = $1`, [org.orgId]);
    const now = new Date();
    const lastMonth = (day: number, hour: number) =>
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, day, hour));
    // Last month, cap $1.00 per customer: acme 0.70 (day 3) + 0.50 (day 5) = 1.20, capped at the
    // end of day 5's hour 10, refused 0.20; globex 0.90: never capped; initech exactly 1.00: capped, refused 0.
    await spendMany(org.orgId, [
      costing("0.70", lastMonth(3, 9), { customer: "acme" }),
      costing("0.50", lastMonth(5, 10), { customer: "acme" }),
      costing("0.90", lastMonth(6, 1), { customer: "globex" }),
      costing("1.00", lastMonth(7, 2), { customer: "initech" }),
      costing("1.10", aMinuteAgo(), { customer: "acme" }),
      costing("0.20", aMinuteAgo(), { customer: "globex" }),
    ]);
    const r = await dryRunCap(org, { scope: { customer: "*" }, period: "month", amount: "1.00" });
    expect(r.wouldCapNow).toEqual([{ scopeValue: "acme", spent: "1.1" }]);
    expect(r.wouldCapNowCount).toBe(1);
    expect(r.lastPeriod.refused).toBe("0.2");
    expect(r.lastPeriod.capped).toEqual([
      { scopeValue: "acme", cappedAt: new Date(lastMonth(5, 11)).toISOString(), spent: "1.2", refused: "0.2" },
      { scopeValue: "initech", cappedAt: new Date(lastMonth(7, 3)).toISOString(), spent: "1", refused: "0" },
    ]);
  });
});

describe("limits: API key cache", () => {
  it("serves a key from the cache, and refuses it at once when any process revokes it", async () => {
    const org = await budgetOrg("fast-keys");
    const key = await createApiKey(org, { name: "svc", scopes: ["ingest"] });
    // Wait until this process listens for revocations (the cache is off until then).
    for (let i = 0; i < 100 && !keyCacheListening(); i++) await sleep(20);
    expect(keyCacheListening()).toBe(true);
    await authenticateApiKeyCached(key.secret);
    // Another process revokes: the row changes, and it publishes. Until the message, the copy answers.
    await pgPool().query(`UPDATE api_keys SET "revokedAt" = now() WHERE id = $1`, [key.id]);
    expect((await authenticateApiKeyCached(key.secret))?.id).toBe(key.id); // the cached copy
    const other = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
    await other.publish(redisKey("apikeys", "revoked"), key.id);
    other.disconnect();
    let refusedAfterMs = -1;
    const t0 = Date.now();
    for (let i = 0; i < 100; i++) {
      if ((await authenticateApiKeyCached(key.secret)) === null) {
        refusedAfterMs = Date.now() - t0;
        break;
      }
      await sleep(5);
    }
    expect(refusedAfterMs).toBeGreaterThanOrEqual(0);
    expect(refusedAfterMs).toBeLessThan(500);

    // This process revokes: refused on the very next call.
    const key2 = await createApiKey(org, { name: "svc2", scopes: ["read"] });
    expect((await authenticateApiKeyCached(key2.secret))?.id).toBe(key2.id);
    expect((await authenticateApiKeyCached(key2.secret))?.id).toBe(key2.id);
    await revokeApiKey(org, key2.id);
    expect(await authenticateApiKeyCached(key2.secret)).toBeNull();
  });
});
