import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db, disconnectDb } from "@/lib/db";
import { ensureInitialOrg } from "@/lib/onboarding/ensure-initial-org";
import { authenticateApiKey } from "@/lib/apikeys/authenticate-api-key";
import { verifyPassword } from "@/lib/auth/password";

afterAll(disconnectDb);

function recorder() {
  const lines: string[] = [];
  return {
    lines,
    logger: { info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`) },
  };
}

describe("headless initialisation", () => {
  it("creates org, owner and exact key once, and never overwrites silently", async () => {
    const id = randomUUID().slice(0, 8);
    const init = {
      slug: `init-${id}`,
      email: `ops-${id}@test.local`,
      password: "first-password",
      apiKey: `br_live_${id}${"k".repeat(24)}`,
    };
    const first = recorder();
    const created = await ensureInitialOrg(init, first.logger);
    const again = recorder();
    const second = await ensureInitialOrg(init, again.logger);
    expect(second).toEqual(created);
    expect(again.lines.filter((l) => l.startsWith("warn"))).toEqual([]);
    expect(await db().apiKey.count({ where: { orgId: created.orgId } })).toBe(1);
    const key = await authenticateApiKey(init.apiKey);
    expect(key?.orgId).toBe(created.orgId);
    expect(key?.scopes.sort()).toEqual(["ingest", "read"]);
    const membership = await db().membership.findFirstOrThrow({ where: { orgId: created.orgId } });
    expect(membership.role).toBe("OWNER");

    const changed = recorder();
    await ensureInitialOrg({ ...init, password: "second-password" }, changed.logger);
    expect(changed.lines.some((l) => l.startsWith("warn") && l.includes("different password"))).toBe(true);
    const user = await db().user.findUniqueOrThrow({ where: { email: init.email } });
    expect(await verifyPassword(user.passwordHash, "first-password")).toBe(true);
  });
});
