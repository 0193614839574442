import { expect, request, test } from "@playwright/test";
import { Redis } from "ioredis";
import { randomUUID } from "node:crypto";
import { addMember, createAccount, createKey } from "../support/accounts";

/** One credentials sign-in over HTTP: next-auth answers with the URL it would redirect to. */
async function trySignIn(baseURL: string, email: string, password: string, headers: Record<string, string> = {}) {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: headers });
  const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
  const res = await api.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  const url = decodeURIComponent(((await res.json().catch(() => ({}))) as { url?: string }).url ?? "");
  const session = await (await api.get("/api/auth/session")).json();
  await api.dispose();
  return { status: res.status(), url, signedIn: Boolean(session?.user?.email) };
}

test.describe("account security over HTTP", () => {
  test("30 wrong passwords in a row: few reach the check, and then the right one is refused too", async ({
    baseURL,
  }) => {
    const account = await createAccount(baseURL!, "brute");
    const results = [];
    for (let i = 0; i < 30; i++) results.push(await trySignIn(baseURL!, account.email, `guess ${i}`));
    const checked = results.filter((r) => r.url.includes("CredentialsSignin")).length;
    // 3 free attempts, then waits of 1, 2, 4, 8 … s: a sequential attacker gets a handful of guesses.
    expect(checked).toBeGreaterThanOrEqual(3);
    expect(checked).toBeLessThanOrEqual(8);
    expect(results[3]!.url).toContain("Too many sign-in attempts");
    // Guess on until a guess is checked again (after the current wait): it starts a wait of 4 s or more,
    // within which even the right password is refused.
    let checkedAgain = false;
    for (let i = 0; i < 60 && !checkedAgain; i++) {
      const r = await trySignIn(baseURL!, account.email, "still guessing");
      checkedAgain = r.url.includes("CredentialsSignin");
      if (!checkedAgain) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(checkedAgain).toBe(true);
    const right = await trySignIn(baseURL!, account.email, account.password);
    expect(right.signedIn).toBe(false);
    expect(right.url).toContain("Too many sign-in attempts");
  });

  test("an unknown account and a wrong password get the same answer", async ({ baseURL }) => {
    const account = await createAccount(baseURL!, "enum");
    const wrong = await trySignIn(baseURL!, account.email, "not the password");
    const unknown = await trySignIn(baseURL!, `nobody-${randomUUID()}@e2e.test`, "not the password");
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.url.replace(/email=[^&]*/, "")).toBe(wrong.url.replace(/email=[^&]*/, ""));
  });

  test("failed sign-ins count against the socket's address, not a forged X-Forwarded-For", async ({ baseURL }) => {
    const redis = new Redis(process.env.REDIS_URL!);
    const key = (address: string) => `${process.env.QUEUE_PREFIX}:signin:address:${address}`;
    const before = Number(await redis.hget(key("127.0.0.1"), "n"));
    for (let i = 0; i < 4; i++) {
      await trySignIn(baseURL!, `nobody-${randomUUID()}@e2e.test`, "wrong", { "x-forwarded-for": `198.51.100.${i}` });
    }
    expect(Number(await redis.hget(key("127.0.0.1"), "n")) - before).toBe(4);
    expect(await redis.exists(key("198.51.100.0"))).toBe(0);
    await redis.quit();
  });

  test("a session cookie replayed after sign-out is refused", async ({ baseURL }) => {
    const account = await createAccount(baseURL!, "replay");
    const stolen = await request.newContext({ baseURL, storageState: await account.api.storageState() });
    expect((await stolen.get("/api/orgs")).status()).toBe(200);
    const { csrfToken } = await (await account.api.get("/api/auth/csrf")).json();
    const out = await account.api.post("/api/auth/signout", { form: { csrfToken, json: "true" }, maxRedirects: 0 });
    expect([200, 302]).toContain(out.status());
    expect((await stolen.get("/api/orgs")).status()).toBe(401);
    expect(await (await stolen.get("/api/auth/session")).json()).toEqual({});
    await stolen.dispose();
  });

  test("changing the password ends every session; the new password signs in", async ({ baseURL }) => {
    const account = await createAccount(baseURL!, "change");
    const other = await request.newContext({ baseURL, storageState: await account.api.storageState() });
    const weak = await account.api.post("/api/account/password", {
      data: { currentPassword: account.password, newPassword: account.email },
    });
    expect(weak.status()).toBe(400);
    const res = await account.api.post("/api/account/password", {
      data: { currentPassword: account.password, newPassword: "a different long passphrase" },
    });
    expect(res.status(), await res.text()).toBe(200);
    expect((await other.get("/api/orgs")).status()).toBe(401);
    expect((await account.api.get("/api/orgs")).status()).toBe(401);
    expect((await trySignIn(baseURL!, account.email, "a different long passphrase")).signedIn).toBe(true);
    await other.dispose();
  });

  test("a removed member's API keys and sessions stop working at once; the list shows who created a key", async ({
    baseURL,
  }) => {
    const owner = await createAccount(baseURL!, "remover");
    const engineer = await addMember(baseURL!, owner, "ENGINEER");
    const key = await createKey(engineer, ["ingest", "read"], "engineer key");
    const listed = await (await owner.api.get(`/api/orgs/${owner.orgSlug}/api-keys`)).json();
    expect(listed.apiKeys.find((k: { id: string }) => k.id === key.id).createdBy.email).toBe(engineer.email);
    const svc = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key.secret}` } });
    expect((await svc.get("/api/v1/me")).status()).toBe(200);
    const { members } = await (await owner.api.get(`/api/orgs/${owner.orgSlug}/members`)).json();
    const id = members.find((m: { user: { email: string } }) => m.user.email === engineer.email).id;
    expect((await owner.api.delete(`/api/orgs/${owner.orgSlug}/members/${id}`)).status()).toBe(200);
    expect((await svc.get("/api/v1/me")).status()).toBe(401);
    expect((await engineer.api.get("/api/orgs")).status()).toBe(401);
    await svc.dispose();
  });

  test("invites: an unverified address cannot accept; a revoked invite's link is dead", async ({ baseURL }) => {
    const owner = await createAccount(baseURL!, "inviter");
    const invitee = await createAccount(baseURL!, "invitee", undefined, { verified: false });
    const sent = await owner.api.post(`/api/orgs/${owner.orgSlug}/members`, {
      data: { email: invitee.email, role: "ADMIN" },
    });
    const { invite } = await sent.json();
    const token = new URL(invite.url).pathname.split("/").pop()!;
    const refused = await invitee.api.post(`/api/invites/${token}/accept`);
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.issues[0].path).toBe("email");
    expect((await owner.api.delete(`/api/orgs/${owner.orgSlug}/invites/${invite.id}`)).status()).toBe(200);
    const { invites } = await (await owner.api.get(`/api/orgs/${owner.orgSlug}/members`)).json();
    expect(invites.map((i: { id: string }) => i.id)).not.toContain(invite.id);
    expect((await invitee.api.post(`/api/invites/${token}/accept`)).status()).toBe(404);
  });

  test("sign-up refuses a common password and the email as password", async ({ baseURL }) => {
    const anon = await request.newContext({ baseURL });
    const email = `weak-${randomUUID().slice(0, 8)}@e2e.test`;
    for (const password of ["12345678", "password1", email]) {
      const res = await anon.post("/api/auth/signup", { data: { email, password, organizationName: "Weak" } });
      expect(res.status(), password).toBe(400);
      expect((await res.json()).error.issues[0].path).toBe("password");
    }
    await anon.dispose();
  });
});
