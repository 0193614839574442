// The per-process snapshots of every value of a "*" budget's period (issue 10: checks spread over
// 100,000 end users without a Postgres read each), against the run's real Postgres and Redis.
// What a snapshot holds is worked out by hand from the rows written (and compared with the
// per-key SQL function the checks otherwise read); when it may be used is shown by writing behind
// the API's back (as another process would before its bump): a value still answered from the
// snapshot shows the old figure, one that must not be shows the new.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBudget } from "@/lib/budgets";
import type { BudgetRow } from "@/lib/budgets/budget-row";
import { pgPool } from "@/lib/db/pg-pool";
import type { CapKey } from "@/lib/limits/cap-budgets";
import { checkLimits } from "@/lib/limits/check-limits";
import { readValueSnapshot } from "@/lib/limits/read-value-snapshot";
import { reserveSpend } from "@/lib/limits/reserve-spend";
import {
  clearValueSnapshots,
  heldValueSnapshot,
  snapshotFigures,
  valueSnapshotReadsStarted,
} from "@/lib/limits/value-snapshots";
import { env } from "@/lib/env";
import {
  bumpPeriodVersions,
  bumpValueVersions,
  changedSeqKey,
  changedValuesKey,
  orgVersionKey,
  periodVersionKey,
} from "@/lib/redis/cap-versions";
import { redis, redisKey, redisUsable } from "@/lib/redis/connection";
import { Redis } from "ioredis";
import type { OrgContext } from "@/lib/tenancy/context";
import { budgetOrg } from "./support/budget-helpers";
import { type CappedBudget, cappedBudget, sneakSpendRow } from "./support/cap-helpers";
import { closeConnections } from "./support/close-connections";

afterAll(closeConnections);
beforeAll(async () => {
  await redis().ping();
});
beforeEach(clearValueSnapshots);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PICO = 1_000_000_000_000n;

const perUserBudget = (org: OrgContext, amount = "1.00") =>
  cappedBudget(org, { endUser: "*" }, { endUser: "probe" }, { name: "each user", amount });
type Budget = CappedBudget;

/** Spend rows written as an evaluation would, behind the API's back (no version bump). */
async function sneakSpend(orgId: string, b: Budget, rows: [string, bigint, Date?][]) {
  for (const [v, pico, foldedBefore] of rows) await sneakSpendRow(orgId, b, v, pico, foldedBefore);
}

async function sneakHold(
  orgId: string,
  b: Budget,
  v: string,
  pico: bigint,
  h: { expiresAt: Date; state?: "open" | "settled"; settledAt?: Date },
) {
  const id = `rsv_snap_${Math.random().toString(36).slice(2)}`;
  await pgPool().query(
    `INSERT INTO reservations ("orgId", id, "amountPico", attributes, "expiresAt") VALUES ($1, $2, $3, '{}', $4)`,
    [orgId, id, pico, h.expiresAt],
  );
  await pgPool().query(
    `INSERT INTO reservation_holds ("orgId", "reservationId", "budgetId", "periodStart", "scopeValue", "amountPico", "expiresAt", state, "settledAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [orgId, id, b.id, b.periodStart, v, pico, h.expiresAt, h.state ?? "open", h.settledAt ?? null],
  );
}

async function sneakOverride(orgId: string, b: Budget, v: string, pico: bigint) {
  await pgPool().query(
    `INSERT INTO budget_overrides ("orgId", id, "budgetId", "periodStart", "periodEnd", "scopeValue", "amountPico")
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [orgId, `ovr_${Math.random().toString(36).slice(2)}`, b.id, b.periodStart, b.periodEnd, v, pico],
  );
}

const keyOf = (b: Budget, scopeValue = ""): CapKey => ({
  budget: { id: b.id, scope: { endUser: "*" } } as unknown as BudgetRow,
  period: { start: b.periodStart, end: b.periodEnd },
  scopeValue,
});

/** Waits until this process holds a snapshot of the budget's period read after `after` (ms). */
async function snapshotRead(org: OrgContext, b: Budget, after: number) {
  for (let i = 0; i < 200; i++) {
    const held = heldValueSnapshot(org.orgId, b.id, b.periodStart);
    if (held && held.at >= after) return held;
    await checkLimits(org, { endUser: `wake-${i}` }); // a value never met: it asks for the snapshot
    await sleep(10);
  }
  throw new Error("no snapshot was read");
}

/** A snapshot's figures by value, sorted. */
const figuresIn = (snap: { values: Map<string, { f: unknown }> }) =>
  new Map([...snap.values].map(([v, slot]) => [v, slot.f] as const).sort(([x], [y]) => (x < y ? -1 : 1)));

const spentOf = async (org: OrgContext, endUser: string) => (await checkLimits(org, { endUser })).budgets[0]!.spent;

describe("limits: value snapshots", () => {
  it("hold each value's spend, open and not-yet-folded holds, overrides and next expiry, across pages", async () => {
    const org = await budgetOrg("snap-read");
    const b = await perUserBudget(org);
    const other = await createBudget(org, {
      name: "other",
      scope: { customer: "*" },
      period: "month",
      amount: "1",
      hardCap: true,
    });
    const now = Date.now();
    const at = (ms: number) => new Date(now + ms);
    await sneakSpend(org.orgId, b, [
      ["a", 5_000_000_000n, at(0)],
      ["c", 7_000_000_000n, at(-3_600_000)],
      ["d", 11_000_000_000n, at(0)],
      ["zero", 0n],
      ...Array.from({ length: 7 }, (_, i): [string, bigint] => [`p${i + 1}`, BigInt(i + 1) * 1_000_000_000n]),
    ]);
    await sneakHold(org.orgId, b, "a", 2_000_000_000n, { expiresAt: at(600_000) }); // open: holds
    await sneakHold(org.orgId, b, "a", 3_000_000_000n, { expiresAt: at(-60_000) }); // expired: does not
    // Settled after the fold watermark (its event not in the spend yet): holds; before it: does not.
    await sneakHold(org.orgId, b, "c", 4_000_000_000n, {
      expiresAt: at(600_000),
      state: "settled",
      settledAt: at(-1_800_000),
    });
    await sneakHold(org.orgId, b, "d", 9_000_000_000n, {
      expiresAt: at(600_000),
      state: "settled",
      settledAt: at(-1_800_000),
    });
    await sneakHold(org.orgId, b, "f", 6_000_000_000n, { expiresAt: at(300_000) }); // no spend row
    await sneakOverride(org.orgId, b, "f", PICO);
    await sneakOverride(org.orgId, b, "f", 2n * PICO);
    await sneakOverride(org.orgId, b, "g", PICO / 2n);
    // Another budget's rows under the same values are not this budget's.
    await pgPool().query(
      `INSERT INTO budget_period_spend ("orgId", "budgetId", "periodStart", "scopeValue", "periodEnd", "spentPico")
       VALUES ($1, $2, $3, 'a', $4, 999)`,
      [org.orgId, other.id, b.periodStart, b.periodEnd],
    );

    const snap = await readValueSnapshot(org.orgId, keyOf(b), { pageSize: 3, maxValues: 1_000 });
    if (!snap) throw new Error("no snapshot");
    const f = (spent: bigint, held: bigint, extra: bigint, next: Date | null) => ({
      spentPico: spent,
      reservedPico: held,
      overridePico: extra,
      nextExpiry: next,
    });
    const expected = new Map([
      ["a", f(5_000_000_000n, 2_000_000_000n, 0n, at(600_000))],
      ["c", f(7_000_000_000n, 4_000_000_000n, 0n, null)],
      ["d", f(11_000_000_000n, 0n, 0n, null)],
      ["f", f(0n, 6_000_000_000n, 3n * PICO, at(300_000))],
      ["g", f(0n, 0n, PICO / 2n, null)],
      ...Array.from({ length: 7 }, (_, i) => [`p${i + 1}`, f(BigInt(i + 1) * 1_000_000_000n, 0n, 0n, null)] as const),
    ]);
    expect(figuresIn(snap)).toEqual(new Map([...expected].sort(([x], [y]) => (x < y ? -1 : 1))));
    // The same figures as the per-key function the checks read otherwise, for these and for
    // values without any row ("zero", "nobody": no entry, i.e. nothing).
    const values = [...expected.keys(), "zero", "nobody"];
    const { rows } = await pgPool().query(
      `SELECT spent::text, held::text, extra::text, next FROM burnrate_cap_figures($1, $2, $3, $4) ORDER BY i`,
      [org.orgId, values.map(() => b.id), values.map(() => b.periodStart), values],
    );
    values.forEach((v, i) => {
      const got = snap.values.get(v)?.f ?? f(0n, 0n, 0n, null);
      expect([got.spentPico, got.reservedPico, got.overridePico, got.nextExpiry]).toEqual([
        BigInt(rows[i].spent),
        BigInt(rows[i].held),
        BigInt(rows[i].extra),
        rows[i].next,
      ]);
    });
    expect(await readValueSnapshot(org.orgId, keyOf(b), { pageSize: 3, maxValues: 5 })).toBeNull();
    expect((await readValueSnapshot(org.orgId, keyOf(b), { pageSize: 3, maxValues: 12 }))?.values.size).toBe(12);
  });

  it("read again into the previous snapshot: unchanged values keep their objects, changed ones are replaced, gone ones deleted", async () => {
    const org = await budgetOrg("snap-reread");
    const b = await perUserBudget(org);
    await sneakSpend(
      org.orgId,
      b,
      Array.from({ length: 8 }, (_, i): [string, bigint] => [`p${i + 1}`, BigInt(i + 1) * 1_000_000_000n]),
    );
    await sneakHold(org.orgId, b, "h", 3_000_000_000n, { expiresAt: new Date(Date.now() + 600_000) });
    await sneakHold(org.orgId, b, "p6", 1_000_000_000n, { expiresAt: new Date(Date.now() + 600_000) });
    await sneakHold(org.orgId, b, "p4", 1_000_000_000n, { expiresAt: new Date(Date.now() + 600_000) });
    const first = await readValueSnapshot(org.orgId, keyOf(b), { pageSize: 3, maxValues: 1_000 });
    if (!first) throw new Error("no snapshot");
    const kept = first.values.get("p3")!.f;
    const changed = first.values.get("p5")!.f;
    const p6Expiry = first.values.get("p6")!.f.nextExpiry!.getTime();
    // p5's spend changes, p7's row goes, the hold on h is released (h had nothing else), n is new;
    // p2 gets an override, p4 a second hold expiring after its first, and p6's hold expires later
    // (each of those changes one figure).
    await sneakOverride(org.orgId, b, "p2", PICO);
    await sneakHold(org.orgId, b, "p4", 2_000_000_000n, { expiresAt: new Date(Date.now() + 900_000) });
    await pgPool().query(
      `UPDATE reservation_holds SET "expiresAt" = "expiresAt" + interval '1 minute' WHERE "budgetId" = $1 AND "scopeValue" = 'p6'`,
      [b.id],
    );
    await sneakSpend(org.orgId, b, [
      ["p5", 50_000_000_000n],
      ["n", 9_000_000_000n],
    ]);
    await pgPool().query(`DELETE FROM budget_period_spend WHERE "budgetId" = $1 AND "scopeValue" = 'p7'`, [b.id]);
    await pgPool().query(`DELETE FROM reservation_holds WHERE "budgetId" = $1 AND "scopeValue" = 'h'`, [b.id]);
    const again = await readValueSnapshot(org.orgId, keyOf(b), { pageSize: 3, maxValues: 1_000 }, first);
    if (!again) throw new Error("no snapshot");
    expect(again.values).toBe(first.values);
    expect(again.pages).toBe(3); // 8 values in pages of 3
    expect(again.values.get("p3")!.f).toBe(kept);
    expect(again.values.get("p5")!.f).not.toBe(changed);
    // The same figures as a fresh read, worked out by hand: p1..p8 without p7, p5 at $0.05, n.
    const fresh = await readValueSnapshot(org.orgId, keyOf(b), { pageSize: 3, maxValues: 1_000 });
    expect(figuresIn(again)).toEqual(figuresIn(fresh!));
    expect(again.values.get("p2")!.f.overridePico).toBe(PICO);
    expect(again.values.get("p4")!.f.reservedPico).toBe(3_000_000_000n);
    expect(again.values.get("p6")!.f.nextExpiry!.getTime() - p6Expiry).toBe(60_000);
    expect([...figuresIn(again)].map(([v, f]) => [v, (f as { spentPico: bigint }).spentPico])).toEqual([
      ["n", 9_000_000_000n],
      ["p1", 1_000_000_000n],
      ["p2", 2_000_000_000n],
      ["p3", 3_000_000_000n],
      ["p4", 4_000_000_000n],
      ["p5", 50_000_000_000n],
      ["p6", 6_000_000_000n],
      ["p8", 8_000_000_000n],
    ]);
  });

  it("read again with the spend rows unchanged: no page is read, the holds and overrides are applied", async () => {
    const org = await budgetOrg("snap-holds-only");
    const b = await perUserBudget(org);
    const later = new Date(Date.now() + 600_000);
    await sneakSpend(org.orgId, b, [
      ["s1", 1_000_000_000n],
      ["s2", 2_000_000_000n],
      ["s3", 3_000_000_000n],
    ]);
    await sneakHold(org.orgId, b, "s1", 500_000_000n, { expiresAt: later });
    await sneakHold(org.orgId, b, "only", 700_000_000n, { expiresAt: later });
    const first = await readValueSnapshot(org.orgId, keyOf(b), { pageSize: 2, maxValues: 1_000 });
    if (!first) throw new Error("no snapshot");
    expect(first.pages).toBe(2);
    // s1's hold and the hold-only value's go; s2 gets an override, s4 (no spend) a hold.
    await pgPool().query(`DELETE FROM reservation_holds WHERE "budgetId" = $1`, [b.id]);
    await sneakOverride(org.orgId, b, "s2", PICO);
    await sneakHold(org.orgId, b, "s4", 400_000_000n, { expiresAt: later });
    const again = await readValueSnapshot(org.orgId, keyOf(b), { pageSize: 2, maxValues: 1_000 }, first);
    if (!again) throw new Error("no snapshot");
    expect(again.pages).toBe(0);
    const f = (spent: bigint, held: bigint, extra: bigint, next: Date | null) => ({
      spentPico: spent,
      reservedPico: held,
      overridePico: extra,
      nextExpiry: next,
    });
    expect(figuresIn(again)).toEqual(
      new Map([
        ["s1", f(1_000_000_000n, 0n, 0n, null)],
        ["s2", f(2_000_000_000n, 0n, PICO, null)],
        ["s3", f(3_000_000_000n, 0n, 0n, null)],
        ["s4", f(0n, 400_000_000n, 0n, later)],
      ]),
    );
    expect(figuresIn(again)).toEqual(
      figuresIn((await readValueSnapshot(org.orgId, keyOf(b), { pageSize: 2, maxValues: 1_000 }))!),
    );
    // A spend row written without any version bump (a writer that died before its bump) is read
    // at the next re-read: the signature differs.
    await sneakSpend(org.orgId, b, [["s3", 3_000_000_001n]]);
    const third = await readValueSnapshot(org.orgId, keyOf(b), { pageSize: 2, maxValues: 1_000 }, again);
    expect(third!.pages).toBe(2);
    expect(third!.values.get("s3")!.f.spentPico).toBe(3_000_000_001n);
  });

  it("answer values never checked, until the value changes, an evaluation bumps the period or Redis is flushed", async () => {
    const org = await budgetOrg("snap-use");
    const b = await perUserBudget(org);
    await sneakSpend(
      org.orgId,
      b,
      Array.from({ length: 100 }, (_, i): [string, bigint] => [`u${i}`, 10_000_000_000n]), // $0.01 each
    );
    // The period's first change starts its record of changes (and bumps the period, see the last test).
    await reserveSpend(org, { endUser: "u0", estimatedCost: "0.01" });
    await snapshotRead(org, b, Date.now());
    // Behind the API's back: u1 now has $0.50. Never checked, it is answered from the snapshot.
    await sneakSpend(org.orgId, b, [["u1", PICO / 2n]]);
    expect(await spentOf(org, "u1")).toBe("0.01");
    // A reservation of u2 records the change: its next check reads Postgres; u3 stays on the snapshot.
    await sneakSpend(org.orgId, b, [["u3", PICO / 2n]]);
    const r = await reserveSpend(org, { endUser: "u2", estimatedCost: "0.20" });
    expect(r.allowed).toBe(true);
    expect((await checkLimits(org, { endUser: "u2" })).budgets[0]).toMatchObject({ spent: "0.01", reserved: "0.2" });
    expect(await spentOf(org, "u3")).toBe("0.01");
    // An evaluation bumps the period's version: no value is answered from that snapshot.
    await bumpPeriodVersions(org.orgId, [{ budgetId: b.id, periodStart: b.periodStart }]);
    expect(await spentOf(org, "u3")).toBe("0.5");

    await snapshotRead(org, b, Date.now());
    await sneakSpend(org.orgId, b, [["u4", PICO / 4n]]);
    expect(await spentOf(org, "u4")).toBe("0.01");
    // A flush (this organisation's keys: the Redis is shared with the other suites) loses the versions.
    const keys = await redis().keys(redisKey("cap*", org.orgId, "*"));
    await redis().del(...keys, orgVersionKey(org.orgId));
    expect(await spentOf(org, "u4")).toBe("0.25");
  });

  it("lose a value once a hold of it expires, and the snapshot once its record of changes is gone", async () => {
    const org = await budgetOrg("snap-expiry");
    const b = await perUserBudget(org);
    await sneakSpend(org.orgId, b, [
      ["u1", 10_000_000_000n],
      ["u2", 10_000_000_000n],
      ["u3", 10_000_000_000n],
    ]);
    await sneakHold(org.orgId, b, "u1", PICO / 10n, { expiresAt: new Date(Date.now() + 400) });
    await snapshotRead(org, b, Date.now());
    expect((await checkLimits(org, { endUser: "u1" })).budgets[0]).toMatchObject({ reserved: "0.1" });
    await sleep(450);
    expect((await checkLimits(org, { endUser: "u1" })).budgets[0]).toMatchObject({ reserved: "0" });

    await snapshotRead(org, b, Date.now());
    await sneakSpend(org.orgId, b, [
      ["u2", PICO / 2n],
      ["u3", PICO / 2n],
    ]);
    expect(await spentOf(org, "u2")).toBe("0.01");
    // The record of changed values expired (as after three days without a change): the next change
    // cannot be told apart from an old one, so it bumps the period and the snapshot is not used.
    await redis().del(changedSeqKey(org.orgId, b.id, b.periodStart), changedValuesKey(org.orgId, b.id, b.periodStart));
    await reserveSpend(org, { endUser: "u9", estimatedCost: "0.01" });
    expect(await spentOf(org, "u3")).toBe("0.5");
  });

  it("are read once at a time, again past a second while in use, and not used past the age limit", async () => {
    const org = await budgetOrg("snap-timing");
    const b = await perUserBudget(org);
    await sneakSpend(
      org.orgId,
      b,
      Array.from({ length: 50 }, (_, i): [string, bigint] => [`u${i}`, 10_000_000_000n]),
    );
    await reserveSpend(org, { endUser: "u0", estimatedCost: "0.01" });
    const before = valueSnapshotReadsStarted();
    await Promise.all(Array.from({ length: 20 }, (_, i) => checkLimits(org, { endUser: `new-${i}` })));
    expect(valueSnapshotReadsStarted() - before).toBe(1);
    const first = await snapshotRead(org, b, 0);
    await sleep(1_100);
    await checkLimits(org, { endUser: "u1" }); // in use past a second: read again meanwhile
    // Well before the age limit (the read takes milliseconds; no check asks meanwhile).
    for (let i = 0; i < 50 && heldValueSnapshot(org.orgId, b.id, b.periodStart)!.at === first.at; i++) await sleep(10);
    expect(heldValueSnapshot(org.orgId, b.id, b.periodStart)!.at).toBeGreaterThan(first.at);
    // Unused, it ages: past the age limit a value is read from Postgres.
    await sneakSpend(org.orgId, b, [["u7", PICO / 2n]]);
    await sleep(2_100);
    expect(await spentOf(org, "u7")).toBe("0.5");
  });

  it("keep a value whose last change is numbered as the snapshot's own sequence (made just before it was read)", async () => {
    const org = await budgetOrg("snap-seq");
    const b = await perUserBudget(org);
    await sneakSpend(org.orgId, b, [
      ["u1", 10_000_000_000n],
      ["u2", 10_000_000_000n],
    ]);
    await reserveSpend(org, { endUser: "u0", estimatedCost: "0.01" });
    await reserveSpend(org, { endUser: "u1", estimatedCost: "0.01" }); // the change numbered as the snapshot's sequence
    const snap = await snapshotRead(org, b, Date.now());
    await sneakSpend(org.orgId, b, [["u1", PICO / 2n]]);
    expect((await checkLimits(org, { endUser: "u1" })).budgets[0]).toMatchObject({ spent: "0.01", reserved: "0.01" });
    expect(heldValueSnapshot(org.orgId, b.id, b.periodStart)?.seq).toBe(snap.seq);
  });

  it("are dropped with the organisation's copies when this process cannot bump a version, another's kept", async () => {
    const org = await budgetOrg("snap-lost");
    const b = await perUserBudget(org);
    const otherOrg = await budgetOrg("snap-lost-other");
    const ob = await perUserBudget(otherOrg);
    await sneakSpend(org.orgId, b, [
      ["u1", 10_000_000_000n],
      ["u2", 10_000_000_000n],
    ]);
    await reserveSpend(org, { endUser: "u0", estimatedCost: "0.01" });
    await snapshotRead(org, b, Date.now());
    await snapshotRead(otherOrg, ob, Date.now());
    await sneakSpend(org.orgId, b, [["u1", PICO / 2n]]);
    await withLostRedis(() =>
      bumpValueVersions(org.orgId, [{ budgetId: b.id, periodStart: b.periodStart, scopeValue: "u2" }]),
    );
    expect(heldValueSnapshot(org.orgId, b.id, b.periodStart)).toBeUndefined();
    expect(heldValueSnapshot(otherOrg.orgId, ob.id, ob.periodStart)).toBeDefined();
    expect(await spentOf(org, "u1")).toBe("0.5");
  });

  it("a read begun before a bump was lost is not kept; a failed read is not retried for 30 s", async () => {
    const org = await budgetOrg("snap-inflight");
    const b = await perUserBudget(org);
    await sneakSpend(org.orgId, b, [["u1", 10_000_000_000n]]);
    const key = keyOf(b, "u1");
    const lost = await closedRedis();
    const t = Date.now();
    snapshotFigures(org.orgId, key, "any", null, t); // starts a read, on the connection of the moment
    // The bump fails before the read's first answer (it fails without waiting on anything).
    await withRedis(lost, () =>
      bumpValueVersions(org.orgId, [{ budgetId: b.id, periodStart: b.periodStart, scopeValue: "u1" }]),
    );
    await sleep(300);
    expect(heldValueSnapshot(org.orgId, b.id, b.periodStart)).toBeUndefined();
    // A read that fails (no connection) holds nothing and is not retried before 30 s.
    const before = valueSnapshotReadsStarted();
    await withLostRedis(async () => {
      snapshotFigures(org.orgId, key, "any", null, t + 600);
      await sleep(50);
    });
    expect(valueSnapshotReadsStarted() - before).toBe(1);
    await sleep(50);
    snapshotFigures(org.orgId, key, "any", null, t + 1_200);
    expect(valueSnapshotReadsStarted() - before).toBe(1);
    snapshotFigures(org.orgId, key, "any", null, Date.now() + 31_000);
    expect(valueSnapshotReadsStarted() - before).toBe(2);
    await snapshotRead(org, b, t);
  });

  it("are read again no sooner than half a second after a read began, and past a second of use", async () => {
    const org = await budgetOrg("snap-spacing");
    const b = await perUserBudget(org);
    await sneakSpend(org.orgId, b, [["u1", 10_000_000_000n]]);
    await reserveSpend(org, { endUser: "u0", estimatedCost: "0.01" });
    const first = await snapshotRead(org, b, Date.now());
    const pv = (await redis().get(periodVersionKey(org.orgId, b.id, b.periodStart)))!;
    const key = keyOf(b, "u1");
    const n = valueSnapshotReadsStarted();
    expect(snapshotFigures(org.orgId, key, pv, null, first.at + 999)?.spentPico).toBe(10_000_000_000n);
    expect(valueSnapshotReadsStarted()).toBe(n); // in use, younger than a second: no read
    // Not current (another period version): a read, but not twice within half a second of the last.
    expect(snapshotFigures(org.orgId, key, "other", null, first.at + 999)).toBeUndefined();
    expect(valueSnapshotReadsStarted()).toBe(n + 1);
    await sleep(300);
    snapshotFigures(org.orgId, key, "other", null, first.at + 999 + 499);
    expect(valueSnapshotReadsStarted()).toBe(n + 1);
    snapshotFigures(org.orgId, key, "other", null, first.at + 999 + 500);
    expect(valueSnapshotReadsStarted()).toBe(n + 2);
  });

  it("are held for 32 periods at most: the least recently used is dropped", async () => {
    const org = await budgetOrg("snap-evict");
    const b = await perUserBudget(org);
    await snapshotRead(org, b, Date.now());
    const each = [];
    for (let i = 0; i < 32; i++)
      each.push(
        await createBudget(org, {
          name: `c${i}`,
          scope: { customer: "*" },
          period: "month",
          amount: "1",
          hardCap: true,
        }),
      );
    // 32 budgets, 32 snapshots asked for (the first check after the budgets changed reads them).
    for (let i = 0; i < 100 && each.some((c) => !heldValueSnapshot(org.orgId, c.id, b.periodStart)); i++) {
      await checkLimits(org, { customer: `acme-${i}` });
      await sleep(20);
    }
    expect(each.filter((c) => heldValueSnapshot(org.orgId, c.id, b.periodStart)).length).toBe(32);
    expect(heldValueSnapshot(org.orgId, b.id, b.periodStart)).toBeUndefined();
  });
});

/** A client whose connection is closed, as this process's connection is once Redis is lost. */
async function closedRedis(): Promise<Redis> {
  const lost = new Redis(env().REDIS_URL);
  await lost.ping();
  const ended = new Promise((resolve) => lost.once("end", resolve));
  lost.disconnect();
  await ended;
  return lost;
}

/** Runs `fn` with `client` as this process's Redis connection. */
async function withRedis<T>(client: Redis, fn: () => Promise<T>): Promise<T> {
  const holder = globalThis as unknown as { burnrateRedis?: Redis };
  const shared = holder.burnrateRedis;
  holder.burnrateRedis = client;
  try {
    expect(redisUsable()).toBe(false);
    return await fn();
  } finally {
    holder.burnrateRedis = shared;
  }
}

/** Runs `fn` while this process's Redis connection is lost. */
const withLostRedis = async <T>(fn: () => Promise<T>) => withRedis(await closedRedis(), fn);
