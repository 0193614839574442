// The per-process copies of cap figures (lib/limits/cap-figures-cache.ts) on a clock the test sets:
// `rememberFigures`/`cachedFigures` take the time in ms. Expectations worked out by hand from the
// rule "used while the versions are the same, it is younger than CAP_CACHE_MAX_AGE_MS (2,000 ms) and no
// hold of it has expired": remembered at t, the copy is used at t + 1,999 and not at t + 2,000; with a
// hold expiring at t + 500 it is used at t + 499 and not at t + 500.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { BudgetRow } from "@/lib/budgets/budget-row";
import { env } from "@/lib/env";
import { bumpValueVersions } from "@/lib/redis/cap-versions";
import { disconnectRedis, redisUsable } from "@/lib/redis/connection";
import { CAP_CACHE_MAX_AGE_MS, type CapKey } from "./cap-budgets";
import { cachedFigures, figuresKey, rememberFigures, takeCopiesToRefresh } from "./cap-figures-cache";
import type { CapFigures } from "./held-spend";

afterAll(disconnectRedis);

const T = Date.UTC(2026, 10, 30, 12, 0, 0);
const figures = (nextExpiry: Date | null = null): CapFigures => ({
  spentPico: 1n,
  reservedPico: 2n,
  overridePico: 3n,
  nextExpiry,
});
const key = (budgetId: string, start: Date, scopeValue: string): CapKey => ({
  budget: { id: budgetId } as BudgetRow,
  period: { start, end: new Date(start.getTime() + 86_400_000) },
  scopeValue,
});

describe("cached cap figures", () => {
  it("the limit is 2 s (the figures below depend on it)", () => {
    expect(CAP_CACHE_MAX_AGE_MS).toBe(2_000);
  });

  it("a copy is used under the same versions while younger than 2 s: at 1,999 ms yes, at 2,000 ms no", () => {
    const k = `org_${randomUUID()}|b|0|`;
    const f = figures();
    rememberFigures(k, "1:1:1", f, T);
    expect(cachedFigures(k, "1:1:1", T)).toBe(f);
    expect(cachedFigures(k, "1:1:1", T + 1_999)).toBe(f);
    expect(cachedFigures(k, "1:1:1", T + 2_000)).toBeUndefined();
    expect(cachedFigures(k, "1:1:1", T + 2_001)).toBeUndefined();
    // Other versions (Redis moved on), or another key: not used.
    expect(cachedFigures(k, "1:1:2", T)).toBeUndefined();
    expect(cachedFigures(`${k}x`, "1:1:1", T)).toBeUndefined();
  });

  it("a copy with a hold that has expired is not used: expiry at +500 ms is used at +499, not at +500", () => {
    const k = `org_${randomUUID()}|b|0|`;
    const f = figures(new Date(T + 500));
    rememberFigures(k, "v", f, T);
    expect(cachedFigures(k, "v", T + 499)).toBe(f);
    expect(cachedFigures(k, "v", T + 500)).toBeUndefined();
    expect(cachedFigures(k, "v", T + 501)).toBeUndefined();
    // A hold that expired before the read: the copy is never used.
    const old = `org_${randomUUID()}|b|0|`;
    rememberFigures(old, "v", figures(new Date(T - 1)), T);
    expect(cachedFigures(old, "v", T)).toBeUndefined();
  });

  it("a copy remembered later replaces the earlier one, and ages from then", () => {
    const k = `org_${randomUUID()}|b|0|`;
    const first = figures();
    const second = figures();
    rememberFigures(k, "v", first, T);
    rememberFigures(k, "w", second, T + 1_500);
    expect(cachedFigures(k, "v", T + 1_600)).toBeUndefined();
    expect(cachedFigures(k, "w", T + 3_499)).toBe(second);
    expect(cachedFigures(k, "w", T + 3_500)).toBeUndefined();
  });

  it("a copy remembered again with the same versions and figures keeps its object and ages from then", () => {
    const k = `org_${randomUUID()}|b|0|`;
    const first = figures();
    rememberFigures(k, "v", first, T);
    rememberFigures(k, "v", figures(), T + 1_500); // equal figures, another object
    expect(cachedFigures(k, "v", T + 3_499)).toBe(first);
    expect(cachedFigures(k, "v", T + 3_500)).toBeUndefined();
    // Other figures under the same versions replace it.
    const other = { ...figures(), spentPico: 7n };
    rememberFigures(k, "v", other, T + 2_000);
    expect(cachedFigures(k, "v", T + 2_001)).toBe(other);
  });

  it("keys differ by organisation, budget, period start and value", () => {
    const start = new Date(T);
    const base = figuresKey("org_a", key("b1", start, "acme"));
    expect(base).toBe(`org_a|b1|${T}|acme`);
    const others = [
      figuresKey("org_b", key("b1", start, "acme")),
      figuresKey("org_a", key("b2", start, "acme")),
      figuresKey("org_a", key("b1", new Date(T + 1), "acme")),
      figuresKey("org_a", key("b1", start, "globex")),
    ];
    expect(new Set([base, ...others]).size).toBe(5);
  });

  it("a version bump that cannot reach Redis drops that organisation's copies, and only its", async () => {
    const orgA = `org_${randomUUID()}`;
    const orgB = `org_${randomUUID()}`;
    const ka = figuresKey(orgA, key("b1", new Date(T), ""));
    const kb = figuresKey(orgB, key("b1", new Date(T), ""));
    const fa = figures();
    const fb = figures();
    const now = Date.now();
    rememberFigures(ka, "v", fa, now);
    rememberFigures(kb, "v", fb, now);
    // The process's connection was up, then is lost (closed here): the bump fails.
    const client = new Redis(env().REDIS_URL);
    await client.ping();
    (globalThis as unknown as { burnrateRedis?: Redis }).burnrateRedis = client;
    expect(redisUsable()).toBe(true);
    const ended = new Promise((resolve) => client.once("end", resolve));
    client.disconnect();
    await ended;
    expect(redisUsable()).toBe(false);
    // The loss is recorded at this process's clock: held still for the bump, to test its very millisecond.
    const lostAtMs = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(lostAtMs);
    try {
      await bumpValueVersions(orgA, [{ budgetId: "b1", periodStart: new Date(T), scopeValue: "" }]);
    } finally {
      clock.mockRestore();
    }
    expect(cachedFigures(ka, "v", now)).toBeUndefined();
    expect(cachedFigures(kb, "v", now)).toBe(fb);
    // A read begun before the loss, or in its millisecond, is not kept (remembered with its source);
    // one begun a millisecond after is.
    const source = { orgId: orgA, key: key("b1", new Date(T), "") };
    for (const begun of [lostAtMs - 1, lostAtMs]) {
      rememberFigures(ka, "v", fa, begun, source);
      expect(cachedFigures(ka, "v", lostAtMs + 1)).toBeUndefined();
    }
    rememberFigures(ka, "v", fa, lostAtMs + 1, source);
    expect(cachedFigures(ka, "v", lostAtMs + 1)).toBe(fa);
  });

  it("copies to read again: those used since read, once 1 s old, at most `max` a pass, each once", () => {
    const org = `org_${randomUUID()}`;
    const sources = ["a", "b", "c", "d"].map((v) => ({ orgId: org, key: key("b1", new Date(T), v) }));
    for (const s of sources) rememberFigures(figuresKey(org, s.key), "v", figures(), T, s);
    // a, b and c are used (c twice), d is not; a copy without a source is never taken.
    for (const v of ["a", "b", "c", "c"]) cachedFigures(figuresKey(org, key("b1", new Date(T), v)), "v", T + 10);
    const plain = figuresKey(org, key("b2", new Date(T), ""));
    rememberFigures(plain, "v", figures(), T);
    cachedFigures(plain, "v", T + 10);
    const mine = (l: { orgId: string; key: CapKey }[]) => l.filter((s) => s.orgId === org).map((s) => s.key.scopeValue);
    expect(mine(takeCopiesToRefresh(T + 999, 1_000, 10))).toEqual([]);
    expect(mine(takeCopiesToRefresh(T + 1_000, 1_000, 2))).toEqual(["a", "b"]);
    expect(mine(takeCopiesToRefresh(T + 1_000, 1_000, 10))).toEqual(["c"]);
    expect(mine(takeCopiesToRefresh(T + 1_000, 1_000, 10))).toEqual([]);
  });
});
