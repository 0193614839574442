import { afterAll, describe, expect, it, vi } from "vitest";
import { authenticateApiKey } from "@/lib/apikeys/authenticate-api-key";
import { createApiKey } from "@/lib/apikeys/create-api-key";
import { listApiKeys } from "@/lib/apikeys/list-api-keys";
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

  it("says why an admin key is refused", async () => {
    const org = await newOrg("keys-admin");
    const err = await createApiKey({ ...org, role: "ENGINEER" }, { name: "x", scopes: ["admin"] }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({
      code: "forbidden",
      message: "Only an owner or admin can create a key with the 'admin' scope",
      issues: [{ path: "scopes", message: "the 'admin' scope needs the org:settings permission (OWNER or ADMIN)" }],
    });
  });

  it("a key created by a service (API key actor) has no creator", async () => {
    const org = await newOrg("keys-svc");
    const ctx = { ...org, role: null, actor: { type: "apiKey" as const, apiKeyId: "k", name: "ops" } };
    const key = await createApiKey(ctx, { name: "by-svc", scopes: ["read"] });
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).createdById).toBeNull();
  });

  it("lists active keys first, newest first, then revoked ones, most recently revoked first", async () => {
    const org = await newOrg("keys-order");
    const names = ["k1", "k2", "k3", "k4"];
    const keys = [];
    for (const name of names) keys.push(await createApiKey(org, { name, scopes: ["read"] }));
    await revokeApiKey(org, keys[0]!.id);
    await new Promise((r) => setTimeout(r, 5));
    await revokeApiKey(org, keys[2]!.id);
    expect((await listApiKeys(org)).map((k) => k.name)).toEqual(["k4", "k2", "k3", "k1"]);
  });

  it("revoking another organisation's or a missing key is not found, and audits the target", async () => {
    const org = await newOrg("keys-nf");
    await expect(revokeApiKey(org, "missing")).rejects.toMatchObject({
      code: "not_found",
      message: "API key not found",
    });
    const key = await createApiKey(org, { name: "t", scopes: ["read"] });
    await revokeApiKey(org, key.id);
    const audit = await db().auditLog.findFirstOrThrow({ where: { orgId: org.orgId, action: "api_key.revoked" } });
    expect([audit.targetType, audit.targetId]).toEqual(["api_key", key.id]);
  });

  it("does not even look up a secret that cannot be a key (no br_live_ prefix, or over 200 characters)", async () => {
    const lookup = vi.spyOn(db().apiKey, "findUnique");
    try {
      await authenticateApiKey("sk_live_something");
      await authenticateApiKey(`br_live_${"x".repeat(193)}`);
      expect(lookup).not.toHaveBeenCalled();
      await authenticateApiKey(`br_live_${"x".repeat(192)}`); // 200 characters: looked up (and unknown)
      expect(lookup).toHaveBeenCalledTimes(1);
    } finally {
      lookup.mockRestore();
    }
  });
});
