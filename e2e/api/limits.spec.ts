import { expect, test } from "@playwright/test";
import { createAccount, createKey } from "../support/accounts";
import { eventually, houseEvent, priceHouseModel } from "../support/budgets";

// The limits API over real HTTP: check, reserve, settle through an event, release, and a refusal
// that is an answer (200, allowed: false) naming the budget and its reset.
test("limits API: a hard cap on team search, reserved, settled by the event, released, refused when full", async ({
  baseURL,
  playwright,
}) => {
  test.setTimeout(90_000);
  const owner = await createAccount(baseURL!, "limits");
  await priceHouseModel(owner);
  const made = await owner.api.post(`/api/orgs/${owner.orgSlug}/budgets`, {
    data: { name: "search cap", scope: { team: "search" }, period: "month", amount: "1.00", hardCap: true },
  });
  expect(made.status(), await made.text()).toBe(201);
  const budgetId = (await made.json()).budget.id;
  const key = await createKey(owner, ["ingest"], "limits service");
  const svc = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });

  const check = await svc.get("/api/v1/limits?team=search&customer=acme");
  expect(check.status()).toBe(200);
  expect(await check.json()).toMatchObject({
    allowed: true,
    budgets: [{ id: budgetId, amount: "1", spent: "0", reserved: "0", remaining: "1", capped: false }],
  });
  expect((await (await svc.get("/api/v1/limits?team=growth")).json()).budgets).toEqual([]);

  const r = await svc.post("/api/v1/limits/reserve", { data: { team: "search", estimatedCost: "0.60" } });
  expect(r.status()).toBe(200);
  const reservation = await r.json();
  expect(reservation).toMatchObject({ allowed: true, amount: "0.6" });
  expect(reservation.reservationId).toMatch(/^rsv_/);

  // 0.60 held: another 0.50 does not fit. The refusal names the budget and its reset.
  const refused = await svc.post("/api/v1/limits/reserve", { data: { team: "search", estimatedCost: "0.50" } });
  expect(refused.status()).toBe(200);
  const no = await refused.json();
  expect(no).toMatchObject({ allowed: false, budget: { id: budgetId, reserved: "0.6", remaining: "0.4" } });
  expect(no.resetsAt).toBe(no.budget.resetsAt);

  // The call costs 0.25 (250,000 tokens of the house model): the event settles the reservation.
  const ev = await svc.post("/api/v1/events", {
    data: { ...houseEvent(250_000, { team: "search" }), reservationId: reservation.reservationId },
  });
  expect(ev.status()).toBe(202);
  const settled = await eventually(async () => {
    const b = (await (await svc.get("/api/v1/limits?team=search")).json()).budgets[0];
    return b.spent === "0.25" && b.reserved === "0" ? b : undefined;
  });
  expect(settled).toMatchObject({ remaining: "0.75", capped: false });
  const release = await svc.post("/api/v1/limits/release", { data: { reservationId: reservation.reservationId } });
  expect(await release.json()).toEqual({ status: "settled" });

  const second = await (
    await svc.post("/api/v1/limits/reserve", { data: { team: "search", estimatedCost: "0.75" } })
  ).json();
  expect(second).toMatchObject({ allowed: true });
  expect((await (await svc.get("/api/v1/limits?team=search")).json()).allowed).toBe(false);
  const back = await svc.post("/api/v1/limits/release", { data: { reservationId: second.reservationId } });
  expect(await back.json()).toEqual({ status: "released" });
  expect((await (await svc.get("/api/v1/limits?team=search")).json()).allowed).toBe(true);

  // Bad input names the field.
  const bad = await svc.post("/api/v1/limits/reserve", { data: { team: "search" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.issues[0].path).toBe("estimatedCost");
  await svc.dispose();
});
