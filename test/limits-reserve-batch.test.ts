// Reservations decided in batches (burnrate_reserve_batch, lib/limits/reserve-batches.ts) against
// real Postgres. The oracle is the one-at-a-time function the batches replaced (burnrate_reserve,
// migration 20261130093000, still installed): the same reservations, in the same order, in a twin
// organisation with the same budgets, must get the same answers, figures, holds and refusals.
import { afterAll, describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { checkLimits } from "@/lib/limits/check-limits";
import type { CapKey } from "@/lib/limits/cap-budgets";
import { MAX_IN_FLIGHT, openReserveLanes, reserveInBatch, reserveStatementsSent } from "@/lib/limits/reserve-batches";
import { reserveSpend } from "@/lib/limits/reserve-spend";
import { bumpOrgVersion } from "@/lib/redis/cap-versions";
import { budgetOrg } from "./support/budget-helpers";
import { hardCapBudget, valueVersionsOf } from "./support/cap-helpers";
import { closeConnections } from "./support/close-connections";

afterAll(closeConnections);

const PERIOD = new Date("2026-11-01T00:00:00Z");
const USD = 1_000_000_000_000n;

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a failing seed can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Keys by position: the budget (0: whole organisation $1.00, 1: each customer $0.40, 2: team $0.60) and the value. */
type Key = { budget: 0 | 1 | 2; value: string };
type Ask = { keys: Key[]; amount: bigint; expiresAt: Date };

/** Five minutes to live, or already expired a minute ago (granted, but holding nothing). */
const expiry = (expired: boolean) => new Date(Math.floor(Date.now() / 1000) * 1000 + (expired ? -60_000 : 300_000));

function asks(seed: number, n: number): Ask[] {
  const r = random(seed);
  return Array.from({ length: n }, () => {
    const keys: Key[] = [];
    if (r() < 0.8) keys.push({ budget: 0, value: "" });
    if (r() < 0.7) keys.push({ budget: 1, value: ["a", "b", "c"][Math.floor(r() * 3)]! });
    if (r() < 0.5) keys.push({ budget: 2, value: "" });
    // $0.01 to $0.30, in whole cents; one in ten already expired (it is granted but holds nothing).
    return { keys, amount: BigInt(1 + Math.floor(r() * 30)) * (USD / 100n), expiresAt: expiry(r() < 0.1) };
  });
}

async function twinOrg(label: string) {
  const org = await budgetOrg(label);
  const budgets = [
    await hardCapBudget(org, "all", "1.00"),
    await hardCapBudget(org, "each customer", "0.40", { customer: "*" }),
    await hardCapBudget(org, "team", "0.60", { team: "t" }),
  ];
  const limits = [USD, (USD * 40n) / 100n, (USD * 60n) / 100n];
  const flat = (a: Ask[]) => a.flatMap((x) => x.keys);
  const lock = (k: Key) => `${org.orgId}|${budgets[k.budget]!.id}|${PERIOD.toISOString()}|${k.value}`;
  const args = (keys: Key[]) => [
    keys.map((k) => budgets[k.budget]!.id),
    keys.map(() => PERIOD),
    keys.map((k) => k.value),
    keys.map((k) => limits[k.budget]!.toString()),
  ];
  return {
    org,
    budgets,
    /** All in one batch: per reservation, granted and the figures of its keys. */
    async batch(all: Ask[], idPrefix: string) {
      const { rows } = await pgPool().query(
        `SELECT item, i, spent, held, extra, next, granted
           FROM burnrate_reserve_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          org.orgId,
          [...new Set(flat(all).map(lock))].sort(),
          all.flatMap((a, n) => a.keys.map(() => n + 1)),
          ...args(flat(all)),
          all.map((a) => a.amount.toString()),
          all.map((_, n) => `${idPrefix}${n}`),
          all.map(() => "{}"),
          all.map((a) => a.expiresAt),
          all.map(() => null),
        ],
      );
      return all.map((_, n) => {
        const mine = rows.filter((r) => r.item === n + 1);
        return { granted: mine[0]?.granted ?? true, figures: mine.map((r) => [r.i, r.spent, r.held, r.extra, r.next]) };
      });
    },
    /** One call of the one-at-a-time function per reservation, in order. */
    async oneByOne(all: Ask[], idPrefix: string) {
      const out = [];
      for (const [n, a] of all.entries()) {
        const { rows } = await pgPool().query(
          `SELECT i, spent, held, extra, next, granted FROM burnrate_reserve($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            org.orgId,
            a.keys.map(lock).sort(),
            ...args(a.keys),
            a.amount.toString(),
            `${idPrefix}${n}`,
            "{}",
            a.expiresAt,
            null,
          ],
        );
        out.push({
          granted: rows[0]?.granted ?? true,
          figures: rows.map((r) => [r.i, r.spent, r.held, r.extra, r.next]),
        });
      }
      return out;
    },
    /** What the reservations left: holds per key, refusals per key, granted reservations (ids without prefix). */
    async left(idPrefix: string) {
      const q = async (sql: string) => (await pgPool().query(sql, [org.orgId])).rows;
      const name = (budgetId: string) => budgets.findIndex((b) => b.id === budgetId);
      return {
        holds: (
          await q(
            `SELECT "budgetId" b, "scopeValue" v, sum("amountPico")::text s, count(*)::int n FROM reservation_holds WHERE "orgId" = $1 GROUP BY 1, 2`,
          )
        )
          .map((r) => `${name(r.b)}|${r.v}|${r.s}|${r.n}`)
          .sort(),
        refusals: (
          await q(
            `SELECT "budgetId" b, "scopeValue" v, refusals, "refusedPico"::text p FROM cap_refusals WHERE "orgId" = $1`,
          )
        )
          .map((r) => `${name(r.b)}|${r.v}|${r.refusals}|${r.p}`)
          .sort(),
        reservations: (await q(`SELECT id, "amountPico"::text a FROM reservations WHERE "orgId" = $1`))
          .map((r) => `${String(r.id).slice(idPrefix.length)}|${r.a}`)
          .sort(),
      };
    },
  };
}

describe("reservations in batches", () => {
  it("decide as one at a time would: answers, figures, holds and refusals match the one-at-a-time function (5 seeds x 40 reservations)", async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const all = asks(seed, 40);
      const batched = await twinOrg(`batch-${seed}`);
      const single = await twinOrg(`single-${seed}`);
      const got = await batched.batch(all, "b_");
      const want = await single.oneByOne(all, "s_");
      expect(got, `seed ${seed}`).toEqual(want);
      expect(await batched.left("b_"), `seed ${seed}`).toEqual(await single.left("s_"));
      // The seeds exercise both answers and refusals against each budget.
      expect(want.some((w) => w.granted) && want.some((w) => !w.granted), `seed ${seed}`).toBe(true);
    }
  });

  it("a reservation sees the holds of those before it in its batch; one no cap matches is granted with no figures", async () => {
    const twin = await twinOrg("batch-order");
    const sixty = (60n * USD) / 100n;
    const got = await twin.batch(
      [
        { keys: [{ budget: 0, value: "" }], amount: sixty, expiresAt: expiry(false) },
        { keys: [], amount: sixty, expiresAt: expiry(false) },
        { keys: [{ budget: 0, value: "" }], amount: sixty, expiresAt: expiry(false) },
        { keys: [{ budget: 0, value: "" }], amount: (40n * USD) / 100n, expiresAt: expiry(false) },
      ],
      "o_",
    );
    // $1.00 cap: $0.60 granted; nothing caps the second; $0.60 more would make $1.20 (refused,
    // seeing $0.60 held); $0.40 fits exactly (seeing the same $0.60).
    expect(got.map((g) => g.granted)).toEqual([true, true, false, true]);
    expect(got.map((g) => g.figures.map((f) => f[2]))).toEqual([[0n], [], [sixty], [sixty]]);
    const left = await twin.left("o_");
    expect(left.reservations).toEqual(["0|600000000000", "1|600000000000", "3|400000000000"]);
    expect(left.holds).toEqual(["0||1000000000000|2"]);
    expect(left.refusals).toEqual(["0||1|600000000000"]);
  });

  it("concurrent reservations go in fewer statements, and each caller gets its own answer", async () => {
    const org = await budgetOrg("batch-callers");
    await hardCapBudget(org, "full team", "0.10", { team: "full" });
    await hardCapBudget(org, "open team", "100", { team: "open" });
    expect((await reserveSpend(org, { team: "full", estimatedCost: "0.10" })).allowed).toBe(true);
    const before = reserveStatementsSent();
    const teams = Array.from({ length: 60 }, (_, i) => ["full", "open", "none"][i % 3]!);
    const results = await Promise.all(
      teams.map((team, i) => reserveSpend(org, { team, estimatedCost: `0.0${1 + (i % 9)}` })),
    );
    expect(reserveStatementsSent() - before).toBeLessThan(60);
    for (const [i, r] of results.entries()) {
      const team = teams[i];
      if (team === "full") expect(r).toMatchObject({ allowed: false, budget: { name: "full team", reserved: "0.1" } });
      else {
        // Its own amount, and only its own team's budget (none for a team no cap names).
        expect(r).toMatchObject({ allowed: true, amount: `0.0${1 + (i % 9)}` });
        if (!("budgets" in r)) throw new Error("no budgets");
        expect(r.budgets.map((b) => b.name)).toEqual(team === "open" ? ["open team"] : []);
      }
    }
    const ids = results.flatMap((r) => ("reservationId" in r && r.reservationId ? [r.reservationId] : []));
    expect(new Set(ids).size).toBe(40);
    const { rows } = await pgPool().query(
      `SELECT count(*)::int n FROM reservations WHERE "orgId" = $1 AND id = ANY($2)`,
      [org.orgId, ids],
    );
    expect(rows[0].n).toBe(40);
  });

  it("a budget another process made (its version bumped) caps the next batch at once", async () => {
    const org = await budgetOrg("batch-new-cap");
    const loose = await hardCapBudget(org, "loose", "100");
    expect((await reserveSpend(org, { team: "x", estimatedCost: "0.50" })).allowed).toBe(true);
    // As another process would: the row written behind this process's back, then the version bumped.
    await pgPool().query(
      `INSERT INTO budgets ("orgId", id, name, scope, period, "amountPico", "hardCap", "updatedAt")
       SELECT "orgId", 'tight_' || id, 'tight', '{"team":"x"}', period, 200000000000, true, now() FROM budgets
        WHERE "orgId" = $1 AND id = $2`,
      [org.orgId, loose.id],
    );
    await bumpOrgVersion(org.orgId);
    expect(await reserveSpend(org, { team: "x", estimatedCost: "0.50" })).toMatchObject({
      allowed: false,
      budget: { name: "tight", amount: "0.2" },
    });
  });

  it("a batch that fails fails each of its callers (none waits forever), and the next batch goes", async () => {
    const org = await budgetOrg("batch-fails");
    const ask = (id: string) => ({
      keysOf: () => [],
      amountPico: USD,
      id,
      attributes: "{}",
      expiresAt: expiry(false),
      apiKeyId: null,
    });
    await reserveInBatch(org.orgId, ask("rsv_taken"));
    // Two at once, one with an id already taken: they go in one batch (at most two statements are
    // out, and the first two wait on nothing) or apart; either way the one reusing the id fails.
    const outcomes = await Promise.allSettled([
      reserveInBatch(org.orgId, ask("rsv_taken")),
      reserveInBatch(org.orgId, ask("rsv_taken")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/duplicate key/);
    expect(await reserveInBatch(org.orgId, { ...ask("rsv_next"), apiKeyId: "key_1" })).toEqual({
      granted: true,
      keys: [],
      rows: [],
    });
    const { rows } = await pgPool().query(
      `SELECT "apiKeyId", "amountPico" FROM reservations WHERE "orgId" = $1 AND id = $2`,
      [org.orgId, "rsv_next"],
    );
    expect(rows).toEqual([{ apiKeyId: "key_1", amountPico: USD }]);
  });

  it("one statement per reservation one at a time; none left waiting once all are answered", async () => {
    const org = await budgetOrg("batch-sequential");
    await hardCapBudget(org, "cap", "10");
    const before = reserveStatementsSent();
    for (let i = 0; i < 3; i++) expect((await reserveSpend(org, { estimatedCost: "0.01" })).allowed).toBe(true);
    expect(reserveStatementsSent() - before).toBe(3);
    await Promise.all(Array.from({ length: 10 }, () => reserveSpend(org, { estimatedCost: "0.01" })));
    expect(openReserveLanes()).toBe(0);
  });

  it("a check that kept the figures sees a reservation made since (the batch bumps the versions of what it holds)", async () => {
    const org = await budgetOrg("batch-bump");
    await hardCapBudget(org, "per customer", "1", { customer: "*" });
    await hardCapBudget(org, "team", "1", { team: "t" });
    const call = { team: "t", customer: "acme" };
    expect((await checkLimits(org, call)).budgets.map((b) => b.reserved)).toEqual(["0", "0"]);
    expect((await checkLimits(org, call)).budgets.map((b) => b.reserved)).toEqual(["0", "0"]);
    // The versions other processes' copies are tagged with: each key's value version moves.
    const before = await valueVersionsOf(org, call);
    expect((await reserveSpend(org, { ...call, estimatedCost: "0.25" })).allowed).toBe(true);
    const after = await valueVersionsOf(org, call);
    expect(after.map((v, i) => v !== null && v !== before[i])).toEqual([true, true]);
    expect((await checkLimits(org, call)).budgets.map((b) => b.reserved)).toEqual(["0.25", "0.25"]);
  });

  it("at most two statements of an organisation are out at once; the rest wait and go together", async () => {
    const org = await budgetOrg("batch-in-flight");
    await hardCapBudget(org, "cap", "10");
    const waitingStatements = async () =>
      (
        await pgPool().query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()
              AND wait_event_type = 'Lock' AND query LIKE '%burnrate_reserve_batch(%'`,
        )
      ).rows[0]!.n;
    const blocker = await pgPool().connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query("LOCK TABLE reservation_holds IN EXCLUSIVE MODE");
      const before = reserveStatementsSent();
      const all = Promise.all(Array.from({ length: 10 }, () => reserveSpend(org, { estimatedCost: "0.01" })));
      let waiting = 0;
      for (let i = 0; i < 300 && waiting < 2; i++) {
        waiting = await waitingStatements();
        if (waiting < 2) await new Promise((done) => setTimeout(done, 10));
      }
      await new Promise((done) => setTimeout(done, 100));
      expect(await waitingStatements()).toBe(MAX_IN_FLIGHT);
      await blocker.query("COMMIT");
      const results = await all;
      expect(results.every((r) => r.allowed && "reservationId" in r && r.reservationId)).toBe(true);
      // The first two alone, the eight that waited in one statement (or two, as the first two return).
      expect(reserveStatementsSent() - before).toBeLessThanOrEqual(4);
    } finally {
      await blocker.query("ROLLBACK").catch(() => {});
      blocker.release();
    }
  });

  it("takes the locks of a batch in one order, whatever the order of its keys (no lock held while waiting on another)", async () => {
    const org = await budgetOrg("batch-lock-order");
    const a = await hardCapBudget(org, "a", "10");
    const b = await hardCapBudget(org, "b", "10", { team: "t" });
    const period = { start: PERIOD, end: new Date("2026-12-01T00:00:00Z") };
    const keyOf = (budget: typeof a) =>
      ({ budget: { id: budget.id, amountPico: 10n * USD }, period, scopeValue: "" }) as unknown as CapKey;
    const lockOf = (budget: typeof a) => `${org.orgId}|${budget.id}|${PERIOD.toISOString()}|`;
    const [first, second] = [a, b].sort((x, y) => (lockOf(x) < lockOf(y) ? -1 : 1)) as [typeof a, typeof a];
    // The test holds the lock that sorts first; the reservation names its keys the other way round.
    const holder = await pgPool().connect();
    try {
      await holder.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [lockOf(first)]);
      const reserving = reserveInBatch(org.orgId, {
        keysOf: () => [keyOf(second), keyOf(first)],
        amountPico: USD,
        id: "rsv_lock_order",
        attributes: "{}",
        expiresAt: expiry(false),
        apiKeyId: null,
      });
      for (let i = 0; i < 300; i++) {
        const { rows } = await pgPool().query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()
              AND wait_event_type = 'Lock' AND query LIKE '%burnrate_reserve_batch(%'`,
        );
        if (rows[0]!.n > 0) break;
        await new Promise((done) => setTimeout(done, 10));
      }
      // Waiting on the first lock, it holds none: the second is free.
      const prober = await pgPool().connect();
      try {
        const probe = await prober.query<{ free: boolean }>(
          "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS free",
          [lockOf(second)],
        );
        expect(probe.rows[0]!.free).toBe(true);
      } finally {
        await prober.query("SELECT pg_advisory_unlock_all()");
        prober.release();
      }
      await holder.query("SELECT pg_advisory_unlock_all()");
      expect((await reserving).granted).toBe(true);
    } finally {
      await holder.query("SELECT pg_advisory_unlock_all()").catch(() => {});
      holder.release();
    }
  });
});
