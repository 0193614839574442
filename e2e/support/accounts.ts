import { expect, request, type APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { markEmailVerified } from "./db";

export type Account = { email: string; password: string; orgSlug: string; api: APIRequestContext };

/** Signs in through next-auth's credentials flow; the returned context carries the session cookie. */
export async function signIn(baseURL: string, email: string, password: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
  const res = await api.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(res.status());
  const session = await (await api.get("/api/auth/session")).json();
  expect(session?.user?.email).toBe(email);
  return api;
}

/**
 * A new user with a new organisation (OWNER), signed in. Its address is marked verified in the database
 * (standing in for the emailed link) unless `verified` is false.
 */
export async function createAccount(
  baseURL: string,
  label = "org",
  fixedEmail?: string,
  { verified = true } = {},
): Promise<Account> {
  const email = fixedEmail ?? `${label}-${randomUUID().slice(0, 8)}@e2e.test`;
  const password = "correct horse battery";
  const anon = await request.newContext({ baseURL });
  const res = await anon.post("/api/auth/signup", { data: { email, password, organizationName: `${label} Inc` } });
  expect(res.status(), await res.text()).toBe(201);
  const { organization } = await res.json();
  await anon.dispose();
  if (verified) await markEmailVerified(email);
  return { email, password, orgSlug: organization.slug, api: await signIn(baseURL, email, password) };
}

/** Invites a new user with `role` into the owner's org and returns them signed in. */
export async function addMember(baseURL: string, owner: Account, role: string): Promise<Account> {
  const member = await createAccount(baseURL, role.toLowerCase());
  const invite = await owner.api.post(`/api/orgs/${owner.orgSlug}/members`, { data: { email: member.email, role } });
  expect(invite.status(), await invite.text()).toBe(201);
  const token = new URL((await invite.json()).invite.url).pathname.split("/").pop()!;
  const accepted = await member.api.post(`/api/invites/${token}/accept`);
  expect(accepted.status(), await accepted.text()).toBe(200);
  return { ...member, orgSlug: owner.orgSlug };
}

export async function createKey(
  account: Account,
  scopes = ["ingest", "read"],
  name = "test key",
): Promise<{ id: string; secret: string }> {
  const res = await account.api.post(`/api/orgs/${account.orgSlug}/api-keys`, { data: { name, scopes } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).apiKey;
}
