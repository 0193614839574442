// The checks' Postgres reads merged (lib/limits/batched-figures.ts) against the run's real Postgres
// and Redis: checks that arrive together share statements, and each still gets its own
// organisation's figures for its own values. Expected figures are worked out by hand: end user
// u<i> of organisation A holds $0.0(i+1), of organisation B $0.(i+1).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBudget } from "@/lib/budgets";
import { pgPool } from "@/lib/db/pg-pool";
import { checkLimits } from "@/lib/limits/check-limits";
import { reserveSpend } from "@/lib/limits/reserve-spend";
import { redis } from "@/lib/redis/connection";
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
