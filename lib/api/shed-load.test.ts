import type { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import type { ContractRoute } from "./contract-route";
import type { RouteContract } from "./define-contract";
import { shedWhenBusy } from "./shed-load";

/** A route whose requests stay in flight until released. */
function slowRoute() {
  const waiting: (() => void)[] = [];
  const route = (async () => {
    await new Promise<void>((r) => waiting.push(r));
    return new Response("{}", { status: 202 });
  }) as unknown as ContractRoute<RouteContract>;
  return { route: Object.assign(route, { contract: { name: "slow" } as RouteContract }), waiting };
}

const req = {} as NextRequest;
const args = { params: Promise.resolve({}) };

describe("shedWhenBusy", () => {
  it("answers 503 + Retry-After beyond the limit at once, and serves again when requests finish", async () => {
    const { route, waiting } = slowRoute();
    const shed = shedWhenBusy(route, () => 2);
    expect(shed.contract).toBe(route.contract);
    const first = [shed(req, args), shed(req, args)];
    const t0 = Date.now();
    const third = await shed(req, args);
    expect(Date.now() - t0).toBeLessThan(100);
    expect(third.status).toBe(503);
    expect(third.headers.get("retry-after")).toBe("1");
    expect((await third.json()).error.code).toBe("unavailable");
    for (const release of waiting.splice(0)) release();
    expect((await Promise.all(first)).map((r) => r.status)).toEqual([202, 202]);
    const again = shed(req, args);
    await new Promise((r) => setTimeout(r, 10));
    for (const release of waiting.splice(0)) release();
    expect((await again).status).toBe(202);
  });

  it("frees its slot when the route throws", async () => {
    let calls = 0;
    const failing = Object.assign(
      (async () => {
        calls++;
        throw new Error("boom");
      }) as unknown as ContractRoute<RouteContract>,
      { contract: { name: "failing" } as RouteContract },
    );
    const shed = shedWhenBusy(failing, () => 1);
    await expect(shed(req, args)).rejects.toThrow("boom");
    await expect(shed(req, args)).rejects.toThrow("boom");
    expect(calls).toBe(2);
  });
});
