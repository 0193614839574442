// The limits API's decision at its boundaries (lib/limits reserve-spend, check-limits): exactly the room
// left is granted, one pico-dollar more refused by the budget with the least room and counted against
// it; no room left refuses the check. Figures are worked out by hand in pico-dollars (1 USD = 10^12).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/apikeys/create-api-key";
import { createBudget } from "@/lib/budgets";
import { evaluateOrgBudgets } from "@/lib/budgets/evaluate-org-budgets";
import { pgPool } from "@/lib/db/pg-pool";
import { checkLimits } from "@/lib/limits/check-limits";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { expireReservations, releaseReservation } from "@/lib/limits/release-reservation";
import { reserveSpend } from "@/lib/limits/reserve-spend";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { createOverride } from "@/lib/pricing/overrides/create-override";
import { budgetOrg, costing, spendMany } from "./support/budget-helpers";
import { closeConnections } from "./support/close-connections";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const cap = (org: Awaited<ReturnType<typeof budgetOrg>>, amount: string, scope: Record<string, string> = {}) =>
  createBudget(org, { name: `cap ${JSON.stringify(scope)}`, scope, period: "month", amount, hardCap: true });

describe("limits at the boundaries", () => {
  it("exactly the room left is granted, a pico-dollar more refused (by the budget with the least room); no room refuses the check", async () => {
    const org = await budgetOrg("limits-boundary");
    const all = await cap(org, "1.00");
    const a = await cap(org, "0.50", { team: "a" });
    const view = (budgets: { id: string; reserved: string; remaining: string; capped: boolean }[], id: string) => {
      const b = budgets.find((x) => x.id === id)!;
      return [b.reserved, b.remaining, b.capped];
    };
    const first = await reserveSpend(org, { team: "a", estimatedCost: "0.2" });
    if (!first.allowed || first.reservationId === null) throw new Error("refused");
    expect(first.amount).toBe("0.2");
    expect(view(first.budgets, all.id)).toEqual(["0.2", "0.8", false]);
    expect(view(first.budgets, a.id)).toEqual(["0.2", "0.3", false]);
    // $0.90: short in both (room 0.8 and 0.3); the refusal names team a's, the one with the least room.
    expect(await reserveSpend(org, { team: "a", estimatedCost: "0.9" })).toMatchObject({
      allowed: false,
      budget: { id: a.id, remaining: "0.3" },
    });
    // One pico-dollar more than team a's room.
    expect(await reserveSpend(org, { team: "a", estimatedCost: "0.300000000001" })).toMatchObject({
      allowed: false,
      budget: { id: a.id },
    });
    const refusals = await pgPool().query(
      `SELECT "budgetId", refusals, "refusedPico"::text AS p FROM cap_refusals WHERE "orgId" = $1`,
      [org.orgId],
    );
    // 0.9 + 0.300000000001 = 1.200000000001 USD = 1,200,000,000,001 pico, both against team a's budget.
    expect(refusals.rows).toEqual([{ budgetId: a.id, refusals: 2, p: "1200000000001" }]);
    const exact = await reserveSpend(org, { team: "a", estimatedCost: "0.3" });
    if (!exact.allowed || exact.reservationId === null) throw new Error("exactly the room left was refused");
    expect(view(exact.budgets, a.id)).toEqual(["0.5", "0", true]);
    expect(view(exact.budgets, all.id)).toEqual(["0.5", "0.5", false]);
    const full = await checkLimits(org, { team: "a" });
    expect(full.allowed).toBe(false); // no room left is no room
    expect(view(full.budgets, a.id)).toEqual(["0.5", "0", true]);
    expect((await checkLimits(org, { team: "b" })).allowed).toBe(true);
    await releaseReservation(org, { reservationId: exact.reservationId });
    const after = await checkLimits(org, { team: "a" });
    expect(after.allowed).toBe(true);
    expect(view(after.budgets, a.id)).toEqual(["0.2", "0.3", false]);
  });

  it("short under two budgets with the same room: the refusal names the first (in budget id order), and counts against it", async () => {
    const org = await budgetOrg("limits-tie");
    const all = await cap(org, "0.50");
    const a = await cap(org, "0.50", { team: "a" });
    // The order keys are locked in, independently of the code: Postgres's order of the budget ids.
    const { rows } = await pgPool().query<{ id: string }>(
      `SELECT id FROM budgets WHERE "orgId" = $1 AND "hardCap" ORDER BY id`,
      [org.orgId],
    );
    expect(rows.map((r) => r.id).sort()).toEqual([all.id, a.id].sort());
    const first = rows[0]!.id;
    // $0.60 against $0.50 of room in each: both short by $0.10.
    expect(await reserveSpend(org, { team: "a", estimatedCost: "0.6" })).toMatchObject({
      allowed: false,
      budget: { id: first, remaining: "0.5" },
    });
    const refusals = await pgPool().query(`SELECT "budgetId", refusals FROM cap_refusals WHERE "orgId" = $1`, [
      org.orgId,
    ]);
    expect(refusals.rows).toEqual([{ budgetId: first, refusals: 1 }]);
  });

  it("a cap as the API shows it: every field; spend over the cap shows no room (not negative) and refuses", async () => {
    const org = await budgetOrg("limits-view");
    const acme = await cap(org, "0.50", { customer: "*" });
    // Events a minute ago (inside the current month unless the test runs in its first minute).
    const at = new Date(Date.now() - 60_000);
    await spendMany(org.orgId, [costing("0.55", at, { customer: "acme" }), costing("0.1", at, { customer: "globex" })]);
    await evaluateOrgBudgets(org.orgId);
    const monthStart = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
    const nextMonth = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
    const over = await checkLimits(org, { customer: "acme" }, at);
    expect(over).toEqual({
      allowed: false,
      asOf: at.toISOString(),
      budgets: [
        {
          id: acme.id,
          name: 'cap {"customer":"*"}',
          scope: { customer: "*" },
          scopeValue: "acme",
          period: "month",
          periodStart: monthStart.toISOString(),
          amount: "0.5",
          override: "0",
          spent: "0.55",
          reserved: "0",
          remaining: "0", // 0.50 - 0.55 = -0.05: no room, shown as none
          capped: true,
          resetsAt: nextMonth.toISOString(),
        },
      ],
    });
    const globex = await checkLimits(org, { customer: "globex" }, at);
    expect(globex.allowed).toBe(true);
    expect(globex.budgets.map((b) => [b.scopeValue, b.spent, b.remaining, b.capped])).toEqual([
      ["globex", "0.1", "0.4", false],
    ]);
    // A call without a customer falls in no "*" budget: nothing caps it.
    expect(await checkLimits(org, {}, at)).toEqual({ allowed: true, asOf: at.toISOString(), budgets: [] });
  });

  it("the API key that asks is a call attribute: a budget of that key caps its calls, not a user's", async () => {
    const org = await budgetOrg("limits-key");
    const key = await createApiKey(org, { name: "svc", scopes: ["ingest"] });
    const keyed = await cap(org, "0.10", { apiKey: key.id });
    const asKey = { ...org, actor: { type: "apiKey" as const, apiKeyId: key.id, name: "svc" } };
    expect((await checkLimits(asKey, {})).budgets.map((b) => b.id)).toEqual([keyed.id]);
    expect((await checkLimits(org, {})).budgets).toEqual([]); // a user is no API key
    expect(await reserveSpend(asKey, { estimatedCost: "0.2" })).toMatchObject({
      allowed: false,
      budget: { id: keyed.id },
    });
    expect(await reserveSpend(org, { estimatedCost: "0.2" })).toMatchObject({ allowed: true, budgets: [] });
  });

  it("release says what a reservation was: released, settled or expired; an unknown one is not found", async () => {
    const org = await budgetOrg("limits-release-status");
    await cap(org, "1.00");
    const granted = async (now?: Date, ttlSeconds?: number) => {
      const r = await reserveSpend(org, { estimatedCost: "0.1", ...(ttlSeconds ? { ttlSeconds } : {}) }, now);
      if (!r.allowed || r.reservationId === null) throw new Error("refused");
      return r.reservationId;
    };
    const settled = await granted();
    await ingestBatch(org.orgId, [costing("0.05", new Date(Date.now() - 60_000), { reservationId: settled })], {});
    expect(await releaseReservation(org, { reservationId: settled })).toEqual({ status: "settled" });
    const expired = await granted(new Date(Date.now() - 120_000), 60);
    expect(await expireReservations()).toBeGreaterThanOrEqual(1);
    expect(await releaseReservation(org, { reservationId: expired })).toEqual({ status: "expired" });
    const open = await granted();
    expect(await releaseReservation(org, { reservationId: open })).toEqual({ status: "released" });
    await expect(releaseReservation(org, { reservationId: "rsv_nope" })).rejects.toMatchObject({
      code: "not_found",
      message: "No such reservation in this organisation",
    });
  });

  it("a release that waits on another release of the same reservation says released", async () => {
    const org = await budgetOrg("limits-release-race");
    await cap(org, "1.00");
    const r = await reserveSpend(org, { estimatedCost: "0.1" });
    if (!r.allowed || r.reservationId === null) throw new Error("refused");
    // Another release holds the reservation's row, not committed yet: ours reads it open, then waits.
    const other = await pgPool().connect();
    try {
      await other.query("BEGIN");
      await other.query(`UPDATE reservations SET status = 'released' WHERE "orgId" = $1 AND id = $2`, [
        org.orgId,
        r.reservationId,
      ]);
      const ours = releaseReservation(org, { reservationId: r.reservationId });
      let waiting = false;
      for (let i = 0; i < 500 && !waiting; i++) {
        const { rows } = await pgPool().query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND query LIKE '%UPDATE reservations SET status = ''released''%RETURNING id%'`,
        );
        waiting = rows.length > 0;
        if (!waiting) await new Promise((done) => setTimeout(done, 10));
      }
      expect(waiting).toBe(true);
      await other.query("COMMIT");
      expect(await ours).toEqual({ status: "released" });
    } finally {
      await other.query("ROLLBACK").catch(() => {});
      other.release();
    }
  });

  it("a model named as the caller spells it counts under the budget of its catalog name, in the check and the reservation", async () => {
    const org = await budgetOrg("limits-model-name");
    const model = await cap(org, "0.50", { model: "house-7b" });
    const spelled = { model: "self-hosted/house-7b" };
    expect((await checkLimits(org, spelled)).budgets.map((b) => b.id)).toEqual([model.id]);
    expect(await reserveSpend(org, { ...spelled, estimatedCost: "0.6" })).toMatchObject({
      allowed: false,
      budget: { id: model.id },
    });
    expect((await checkLimits(org, { model: "self-hosted/other-7b" })).budgets).toEqual([]);
  });

  it("a model without a price cannot be reserved by its tokens: the field is named", async () => {
    const org = await budgetOrg("limits-unpriced");
    await cap(org, "1.00");
    await expect(
      reserveSpend(org, { model: "no-such-model", maxInputTokens: 10, maxOutputTokens: 10 }),
    ).rejects.toMatchObject({
      code: "invalid_request",
      issues: [{ path: "model", message: "Burnrate has no price for this model: give estimatedCost instead" }],
    });
  });

  it("a model priced by two providers is reserved at the price of the provider named; without one, only a unique name is priced", async () => {
    // house-7b: $1 per 1M input tokens at self-hosted (budgetOrg), $2 at other-host. 100,000 tokens:
    // $0.10 at self-hosted, $0.20 at other-host; with no provider the name is ambiguous (no price).
    const org = await budgetOrg("limits-provider");
    await cap(org, "1.00");
    await createOverride(org, {
      kind: "CUSTOM_PRICE",
      provider: "other-host",
      model: "house-7b",
      prices: { input: "2", output: "0" },
    });
    const tokens = { model: "house-7b", maxInputTokens: 100_000 };
    expect(await reserveSpend(org, { ...tokens, provider: "other-host" })).toMatchObject({
      allowed: true,
      amount: "0.2",
    });
    expect(await reserveSpend(org, { ...tokens, provider: "self-hosted" })).toMatchObject({
      allowed: true,
      amount: "0.1",
    });
    await expect(reserveSpend(org, tokens)).rejects.toMatchObject({
      code: "invalid_request",
      issues: [{ path: "model" }],
    });
    // A name one provider prices needs no provider: 100,000 tokens of solo-1b at $3 per 1M = $0.30.
    await createOverride(org, {
      kind: "CUSTOM_PRICE",
      provider: "self-hosted",
      model: "solo-1b",
      prices: { input: "3", output: "0" },
    });
    expect(await reserveSpend(org, { model: "solo-1b", maxInputTokens: 100_000 })).toMatchObject({
      allowed: true,
      amount: "0.3",
    });
  });
});
