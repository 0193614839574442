import { afterAll, describe, expect, it } from "vitest";
import { authenticateApiKey } from "@/lib/apikeys/authenticate-api-key";
import { createApiKey } from "@/lib/apikeys/create-api-key";
import { revokeApiKey } from "@/lib/apikeys/revoke-api-key";
import { db } from "@/lib/db";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";

afterAll(closeConnections);

const lastUsed = async (id: string) => (await db().apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;

describe("API keys: creation, authentication, revocation", () => {
  it("creates a key with its fields, deduplicated scopes, its creator and an audit entry", async () => {
    const org = await newOrg("keys-create");
    const key = await createApiKey(org, {
      name: "svc",
      scopes: ["read", "ingest", "read"],
      defaultAttribution: { team: "search" },
    });
    expect(key).toMatchObject({ name: "svc", scopes: ["read", "ingest"], defaultAttribution: { team: "search" } });
    expect(key).not.toHaveProperty("keyHash");
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.orgId).toBe(org.orgId);
    expect(row.createdById).toBe(org.actor.type === "user" ? org.actor.userId : "?");
    const audit = await db().auditLog.findFirstOrThrow({ where: { orgId: org.orgId, targetId: key.id } });
    expect(audit).toMatchObject({ action: "api_key.created", targetType: "api_key" });
    expect(audit.metadata).toEqual({ name: "svc", scopes: ["read", "ingest", "read"] });
  });

  it("authenticates with the key's organisation, scopes and attribution; refuses anything not br_live_", async () => {
    const org = await newOrg("keys-auth");
    const key = await createApiKey(org, { name: "a", scopes: ["ingest"], defaultAttribution: { feature: "f" } });
    expect(await authenticateApiKey(key.secret)).toMatchObject({
      id: key.id,
      orgId: org.orgId,
      name: "a",
      scopes: ["ingest"],
      defaultAttribution: { feature: "f" },
      org: { slug: org.orgSlug, allowBackfill: false },
    });
    expect(await authenticateApiKey(key.secret.replace("br_live_", "br_test_"))).toBeNull();
    expect(await authenticateApiKey(`${key.secret}${"x".repeat(200)}`)).toBeNull();
  });

  it("records lastUsedAt at most once a minute", async () => {
    const org = await newOrg("keys-used");
    const key = await createApiKey(org, { name: "u", scopes: ["read"] });
    expect(await lastUsed(key.id)).toBeNull();
    await authenticateApiKey(key.secret);
    await expect.poll(() => lastUsed(key.id)).not.toBeNull();
    const first = await lastUsed(key.id);
    await authenticateApiKey(key.secret);
    await new Promise((r) => setTimeout(r, 200));
    expect(await lastUsed(key.id)).toEqual(first);
    const old = new Date(Date.now() - 61_000);
    await db().apiKey.update({ where: { id: key.id }, data: { lastUsedAt: old } });
    await authenticateApiKey(key.secret);
    await expect.poll(async () => (await lastUsed(key.id))!.getTime()).toBeGreaterThan(old.getTime());
    const recent = new Date(Date.now() - 50_000);
    await db().apiKey.update({ where: { id: key.id }, data: { lastUsedAt: recent } });
    await authenticateApiKey(key.secret);
    await new Promise((r) => setTimeout(r, 200));
    expect(await lastUsed(key.id)).toEqual(recent);
  });

  it("revoking twice keeps the first revocation and audits it once", async () => {
    const org = await newOrg("keys-revoke");
    const key = await createApiKey(org, { name: "r", scopes: ["read"] });
    const first = await revokeApiKey(org, key.id);
    expect(first.revokedAt).toBeInstanceOf(Date);
    const second = await revokeApiKey(org, key.id);
    expect(second.revokedAt).toEqual(first.revokedAt);
    const audits = await db().auditLog.findMany({ where: { orgId: org.orgId, action: "api_key.revoked" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.metadata).toEqual({ name: "r" });
  });
});
