import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONTRACTS, UNWRAPPED_ROUTES } from "@/lib/contracts";
import { patternOf, scanAppTree } from "./app-tree";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const { routes } = scanAppTree();

/** Every exported HTTP handler of a route file: `${method} ${pattern}` -> the contract it carries. */
async function handlersOf(file: string) {
  const mod = (await import(path.join(process.cwd(), file))) as Record<string, unknown>;
  return METHODS.filter((m) => m in mod).map((m) => ({
    method: m,
    contract: (mod[m] as { contract?: (typeof CONTRACTS)[number] }).contract,
  }));
}

describe("routes and contracts", () => {
  it("finds the route files on disk", () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(patternOf("app/api/orgs/[org]/api-keys/[keyId]/route.ts")).toBe("/api/orgs/{org}/api-keys/{keyId}");
    expect(patternOf("app/(dashboard)/[org]/settings/page.tsx")).toBe("/{org}/settings");
  });

  it("has unique contract names and one contract per method and path", () => {
    expect(new Set(CONTRACTS.map((c) => c.name)).size).toBe(CONTRACTS.length);
    expect(new Set(CONTRACTS.map((c) => `${c.method} ${c.path}`)).size).toBe(CONTRACTS.length);
  });

  for (const route of routes.filter((r) => !(r.file in UNWRAPPED_ROUTES))) {
    it(`${route.file} exports only handlers built from a registered contract for its location`, async () => {
      const handlers = await handlersOf(route.file);
      expect(handlers.length, "exports no handler").toBeGreaterThan(0);
      for (const h of handlers) {
        expect(
          h.contract,
          `${h.method} is not built from a contract (withApiKey/withSession/withUser/withPublic)`,
        ).toBeDefined();
        expect(CONTRACTS, `${h.method}: contract ${h.contract!.name} is not in lib/contracts/index.ts`).toContain(
          h.contract,
        );
        expect(`${h.contract!.method} ${h.contract!.path}`).toBe(`${h.method} ${route.pattern}`);
      }
    });
  }

  it("every registered contract is served by a route file", async () => {
    const served = new Set<string>();
    for (const route of routes.filter((r) => !(r.file in UNWRAPPED_ROUTES))) {
      for (const h of await handlersOf(route.file)) served.add(`${h.method} ${route.pattern}`);
    }
    const unserved = CONTRACTS.map((c) => `${c.method} ${c.path}`).filter((k) => !served.has(k));
    expect(unserved).toEqual([]);
  });
});
