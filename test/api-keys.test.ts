import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { createApiKey } from "@/lib/apikeys/create-api-key";
import { authenticateApiKey } from "@/lib/apikeys/authenticate-api-key";
import { hashApiKey } from "@/lib/apikeys/key-format";
import { listApiKeys } from "@/lib/apikeys/list-api-keys";
import { revokeApiKey } from "@/lib/apikeys/revoke-api-key";
import { AppError } from "@/lib/errors";
import { newOrg } from "./support/factories";

afterAll(disconnectDb);

describe("API keys", () => {
  it("stores only a hash, authenticates, and refuses the key once revoked", async () => {
    const org = await newOrg("keys");
    const key = await createApiKey(org, { name: "svc", scopes: ["ingest"] });
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.keyHash).toBe(hashApiKey(key.secret));
    expect(JSON.stringify(row)).not.toContain(key.secret);
    expect(row.prefix).toBe(key.secret.slice(0, 12));

    expect((await authenticateApiKey(key.secret))?.orgId).toBe(org.orgId);
    await revokeApiKey(org, key.id);
    expect(await authenticateApiKey(key.secret)).toBeNull();
    expect(await authenticateApiKey(`${key.secret.slice(0, -1)}x`)).toBeNull();
  });

  it("never lists or revokes another organisation's key", async () => {
    const a = await newOrg("a");
    const b = await newOrg("b");
    const bKey = await createApiKey(b, { name: "b-svc", scopes: ["read"] });
    expect((await listApiKeys(a)).map((k) => k.id)).not.toContain(bKey.id);
    await expect(revokeApiKey(a, bKey.id)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "not_found");
    expect(await authenticateApiKey(bKey.secret)).not.toBeNull();
  });

  it("audits creation and revocation", async () => {
    const org = await newOrg("audit");
    const key = await createApiKey(org, { name: "audited", scopes: ["read"] });
    await revokeApiKey(org, key.id);
    const actions = (
      await db().auditLog.findMany({ where: { orgId: org.orgId, targetId: key.id }, orderBy: { createdAt: "asc" } })
    ).map((r) => r.action);
    expect(actions).toEqual(["api_key.created", "api_key.revoked"]);
  });

  it("mints an admin-scoped key only for roles that may change settings", async () => {
    const org = await newOrg("admin-scope");
    const key = await createApiKey(org, { name: "ops", scopes: ["admin", "read"] });
    expect((await authenticateApiKey(key.secret))?.scopes.sort()).toEqual(["admin", "read"]);
    for (const role of ["FINANCE", "ENGINEER", "VIEWER"] as const) {
      const err = await createApiKey({ ...org, role }, { name: "escalate", scopes: ["admin"] }).catch(
        (e: unknown) => e,
      );
      expect(err, role).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("forbidden");
      expect((err as AppError).issues[0]?.path).toBe("scopes");
    }
    // An ENGINEER still creates ordinary keys.
    await expect(createApiKey({ ...org, role: "ENGINEER" }, { name: "svc", scopes: ["ingest"] })).resolves.toBeTruthy();
  });
});
