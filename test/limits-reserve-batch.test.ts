// Reservations decided in batches (burnrate_reserve_batch, lib/limits/reserve-batches.ts) against
// real Postgres. The oracle is the one-at-a-time function the batches replaced (burnrate_reserve,
// migration 20261130093000, still installed): the same reservations, in the same order, in a twin
// organisation with the same budgets, must get the same answers, figures, holds and refusals.
import { afterAll, describe, expect, it } from "vitest";
import { createBudget } from "@/lib/budgets";
import { pgPool } from "@/lib/db/pg-pool";
import { reserveInBatch, reserveStatementsSent } from "@/lib/limits/reserve-batches";
import { reserveSpend } from "@/lib/limits/reserve-spend";
import { bumpOrgVersion } from "@/lib/redis/cap-versions";
import { budgetOrg } from "./support/budget-helpers";
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
  const b = (name: string, scope: Record<string, string>, amount: string) =>
    createBudget(org, { name, scope, period: "month", amount, hardCap: true });
  const budgets = [
    await b("all", {}, "1.00"),
    await b("each customer", { customer: "*" }, "0.40"),
    await b("team", { team: "t" }, "0.60"),
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
    await createBudget(org, {
      name: "full team",
      scope: { team: "full" },
      period: "month",
      amount: "0.10",
      hardCap: true,
    });
    await createBudget(org, {
      name: "open team",
      scope: { team: "open" },
      period: "month",
      amount: "100",
      hardCap: true,
    });
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
    const loose = await createBudget(org, { name: "loose", period: "month", amount: "100", hardCap: true });
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
    expect(await reserveInBatch(org.orgId, ask("rsv_next"))).toEqual({ granted: true, keys: [], rows: [] });
  });
});
