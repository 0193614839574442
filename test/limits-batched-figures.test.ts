// The checks' Postgres reads merged (lib/limits/batched-figures.ts) against the run's real Postgres
// and Redis: checks that arrive together share statements, and each still gets its own
// organisation's figures for its own values. Expected figures are worked out by hand: end user
// u<i> of organisation A holds $0.0(i+1), of organisation B $0.(i+1).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createBudget } from "@/lib/budgets";
import type { Period } from "@/lib/budgets/budget-period";
import type { BudgetRow } from "@/lib/budgets/budget-row";
import { pgPool } from "@/lib/db/pg-pool";
import { readFiguresBatched } from "@/lib/limits/batched-figures";
import type { CapKey } from "@/lib/limits/cap-budgets";
import { checkLimits } from "@/lib/limits/check-limits";
import type { CapFigures } from "@/lib/limits/held-spend";
import { reserveSpend } from "@/lib/limits/reserve-spend";
import { redis } from "@/lib/redis/connection";
import type { OrgContext } from "@/lib/tenancy/context";
import { budgetOrg } from "./support/budget-helpers";
import { closeConnections } from "./support/close-connections";

afterAll(closeConnections);
beforeAll(async () => {
  await redis().ping();
});

const USERS = 20;

async function orgWithHolds(label: string, dollarsOf: (i: number) => string) {
  const org = await budgetOrg(label);
  await createBudget(org, { name: "each user", scope: { endUser: "*" }, period: "month", amount: "5", hardCap: true });
  for (let i = 0; i < USERS; i++) {
    const r = await reserveSpend(org, { endUser: `u${i}`, estimatedCost: dollarsOf(i) });
    expect(r.allowed).toBe(true);
  }
  return org;
}

describe("limits: merged figure reads", () => {
  it("checks of two organisations arriving together share statements and each sees its own figures", async () => {
    const a = await orgWithHolds("batch-a", (i) => ((i + 1) / 100).toFixed(2));
    const b = await orgWithHolds("batch-b", (i) => ((i + 1) / 10).toFixed(1));
    const pool = pgPool();
    const query = pool.query.bind(pool);
    let statements = 0;
    pool.query = ((...args: Parameters<typeof query>) => {
      statements++;
      return query(...args);
    }) as typeof pool.query;
    try {
      const calls = Array.from({ length: USERS }, (_, i) => i).flatMap((i) => [
        { org: a, i },
        { org: b, i },
      ]);
      const answers = await Promise.all(calls.map(({ org, i }) => checkLimits(org, { endUser: `u${i}` })));
      answers.forEach((answer, n) => {
        const { org, i } = calls[n]!;
        // By hand: A's u0..u19 hold 0.01..0.20; B's hold 0.1..2.0.
        const held = org === a ? ((i + 1) / 100).toString() : ((i + 1) / 10).toString();
        expect(answer.budgets).toEqual([
          expect.objectContaining({ name: "each user", scopeValue: `u${i}`, reserved: held }),
        ]);
      });
      expect(statements).toBeLessThan(calls.length);
    } finally {
      pool.query = query;
    }
  });
});

// The scheduling of the merged reads, observed on the real pool: every statement of
// `burnrate_cap_figures` is recorded (organisation, number of keys) and counted while in flight;
// a gate can hold the statements back before they reach Postgres (they then run as sent).
type Statement = { orgId: string; keys: number };
function watchFigureReads() {
  const pool = pgPool();
  const query = pool.query.bind(pool);
  const seen = { statements: [] as Statement[], inFlight: 0, maxInFlight: 0 };
  let gate: Promise<void> | undefined;
  let openGate = () => {};
  pool.query = (async (sql: string, params: unknown[]) => {
    if (typeof sql !== "string" || !sql.includes("burnrate_cap_figures(")) return query(sql, params);
    seen.statements.push({ orgId: params[0] as string, keys: (params[1] as unknown[]).length });
    seen.maxInFlight = Math.max(seen.maxInFlight, ++seen.inFlight);
    try {
      await gate;
      return await query(sql, params);
    } finally {
      seen.inFlight--;
    }
  }) as unknown as typeof pool.query;
  return {
    seen,
    close() {
      gate = new Promise((open) => {
        openGate = open;
      });
    },
    open: () => openGate(),
    restore() {
      openGate();
      pool.query = query;
    },
  };
}

/** The keys of the holds `orgWithHolds` made, u0..u19 in order, with the amount each holds. */
async function heldKeys(orgId: string) {
  const { rows } = await pgPool().query(
    `SELECT "budgetId", "periodStart", "scopeValue", "amountPico" FROM reservation_holds
      WHERE "orgId" = $1 ORDER BY length("scopeValue"), "scopeValue"`,
    [orgId],
  );
  return rows.map((r) => ({
    key: {
      budget: { id: r.budgetId } as BudgetRow,
      period: { start: r.periodStart, end: r.periodStart } as Period,
      scopeValue: r.scopeValue as string,
    } satisfies CapKey,
    held: BigInt(r.amountPico),
  }));
}

/** A key of the same budget and period as `k` under a value that holds nothing. */
const emptyKey = (k: CapKey, value: string): CapKey => ({ ...k, scopeValue: value });

const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};
async function until(check: () => boolean) {
  for (let i = 0; i < 1_000 && !check(); i++) await ticks(1);
  expect(check()).toBe(true);
}

describe("limits: merged figure reads, scheduled", () => {
  let a: OrgContext;
  let b: OrgContext;
  let keysA: Awaited<ReturnType<typeof heldKeys>>;
  let keysB: Awaited<ReturnType<typeof heldKeys>>;
  beforeAll(async () => {
    a = await orgWithHolds("sched-a", (i) => ((i + 1) / 100).toFixed(2));
    b = await orgWithHolds("sched-b", (i) => ((i + 1) / 10).toFixed(1));
    keysA = await heldKeys(a.orgId);
    keysB = await heldKeys(b.orgId);
    // By hand: u<i> of A holds $0.0(i+1) = (i+1) * 10^10 pico, of B $0.(i+1) = (i+1) * 10^11 pico.
    expect(keysA.map((k) => [k.key.scopeValue, k.held])).toEqual(
      Array.from({ length: USERS }, (_, i) => [`u${i}`, BigInt(i + 1) * 10n ** 10n]),
    );
    expect(keysB.map((k) => k.held)).toEqual(Array.from({ length: USERS }, (_, i) => BigInt(i + 1) * 10n ** 11n));
  });

  it("checks of one tick wake the reader once and share one statement per organisation, each key once", async () => {
    const watch = watchFigureReads();
    const wakeUps = vi.spyOn(globalThis, "setImmediate");
    try {
      const A = keysA.map((k) => k.key);
      const B = keysB.map((k) => k.key);
      const asked = [
        { org: a.orgId, keys: A.slice(0, 10) },
        { org: b.orgId, keys: B },
        { org: a.orgId, keys: A.slice(5, 15).reverse() },
        { org: a.orgId, keys: [A[19]!, A[19]!, A[0]!] },
        // A's key asked for B: B holds nothing under A's budget.
        { org: b.orgId, keys: [B[3]!, A[3]!] },
      ];
      const pending = asked.map(({ org, keys }) => readFiguresBatched(org, keys));
      expect(wakeUps).toHaveBeenCalledTimes(1);
      wakeUps.mockRestore();
      const answers = await Promise.all(pending);
      const heldOf = (org: string, k: CapKey) => (org === a.orgId ? keysA : keysB).find((h) => h.key === k)?.held ?? 0n;
      answers.forEach((figures, n) => {
        expect(figures.map((f) => f.reservedPico)).toEqual(asked[n]!.keys.map((k) => heldOf(asked[n]!.org, k)));
      });
      expect(answers[4]!.map((f) => f.reservedPico)).toEqual([4n * 10n ** 11n, 0n]);
      // A: u0..u14 and u19 (16 keys); B: its 20 and A's u3.
      expect(watch.seen.statements).toEqual([
        { orgId: a.orgId, keys: 16 },
        { orgId: b.orgId, keys: 21 },
      ]);
    } finally {
      wakeUps.mockRestore();
      watch.restore();
    }
  });

  it("a statement holds at most 5,000 keys: waiters are split at the bound, never inside one", async () => {
    const watch = watchFigureReads();
    try {
      const k = keysA[0]!.key;
      const many = (n: number, tag: string) => Array.from({ length: n }, (_, i) => emptyKey(k, `${tag}${i}`));
      // 2,500 + 2,500 = 5,000: one statement; the next waiter (1 key) would make 5,001: the next one;
      // a waiter of 6,000 keys alone: read whole.
      const first = [keysA[7]!.key, ...many(2_499, "p")];
      const second = [...many(2_499, "q"), keysA[8]!.key];
      const answers = await Promise.all([
        readFiguresBatched(a.orgId, first),
        readFiguresBatched(a.orgId, second),
        readFiguresBatched(a.orgId, [keysA[9]!.key]),
        readFiguresBatched(a.orgId, [...many(5_999, "r"), keysA[10]!.key]),
      ]);
      expect(watch.seen.statements.map((s) => s.keys)).toEqual([5_000, 1, 6_000]);
      expect(answers.map((f) => f.length)).toEqual([2_500, 2_500, 1, 6_000]);
      expect(answers[0]![0]!.reservedPico).toBe(8n * 10n ** 10n);
      expect(answers[1]![2_499]!.reservedPico).toBe(9n * 10n ** 10n);
      expect(answers[2]![0]!.reservedPico).toBe(10n * 10n ** 10n);
      expect(answers[3]![5_999]!.reservedPico).toBe(11n * 10n ** 10n);
      for (const f of answers.flat()) if (f.reservedPico === 0n) expect(f.nextExpiry).toBeNull();
      expect(answers.flat().filter((f) => f.reservedPico !== 0n)).toHaveLength(4);
    } finally {
      watch.restore();
    }
  });

  it("at most four reads run at once; the checks that arrive meanwhile share the next", async () => {
    const watch = watchFigureReads();
    watch.close();
    try {
      const pending: Promise<CapFigures[]>[] = [];
      // Four checks, each arriving after the previous one's statement was sent: four reads.
      for (let i = 0; i < 4; i++) {
        pending.push(readFiguresBatched(a.orgId, [keysA[i]!.key]));
        await until(() => watch.seen.statements.length === i + 1);
      }
      expect(watch.seen.inFlight).toBe(4);
      // No read can start: the reader is not even woken.
      const wakeUps = vi.spyOn(globalThis, "setImmediate");
      pending.push(readFiguresBatched(a.orgId, [keysA[4]!.key]));
      expect(wakeUps).not.toHaveBeenCalled();
      wakeUps.mockRestore();
      await ticks(20);
      pending.push(readFiguresBatched(a.orgId, [keysA[5]!.key]));
      await ticks(20);
      expect(watch.seen.statements).toHaveLength(4);
      watch.open();
      const answers = await Promise.all(pending);
      expect(answers.map((f) => f.map((x) => x.reservedPico))).toEqual(
        [1n, 2n, 3n, 4n, 5n, 6n].map((i) => [i * 10n ** 10n]),
      );
      expect(watch.seen.statements.map((s) => s.keys)).toEqual([1, 1, 1, 1, 2]);
      expect(watch.seen.maxInFlight).toBe(4);
    } finally {
      watch.restore();
    }
  });

  it("a failed read rejects its own waiters only, and the reads go on", async () => {
    const watch = watchFigureReads();
    try {
      // A value with a NUL byte: Postgres refuses the statement (text cannot hold NUL).
      const bad = emptyKey(keysB[0]!.key, "bad\u0000value");
      const results = await Promise.allSettled([
        readFiguresBatched(a.orgId, [keysA[1]!.key]),
        readFiguresBatched(b.orgId, [bad]),
        readFiguresBatched(b.orgId, [keysB[1]!.key]),
      ]);
      expect(watch.seen.statements).toHaveLength(2);
      expect(results[0]).toEqual({
        status: "fulfilled",
        value: [expect.objectContaining({ reservedPico: 2n * 10n ** 10n })],
      });
      expect(results[1]).toMatchObject({ status: "rejected", reason: expect.objectContaining({ code: "22021" }) });
      expect(results[2]).toMatchObject({ status: "rejected" });
      // More failed reads than MAX_READS, one after the other: each frees its place.
      for (let i = 0; i < 6; i++) await expect(readFiguresBatched(b.orgId, [bad])).rejects.toThrow();
      expect(await readFiguresBatched(b.orgId, [keysB[1]!.key])).toEqual([
        expect.objectContaining({ reservedPico: 2n * 10n ** 11n }),
      ]);
    } finally {
      watch.restore();
    }
  });
});
