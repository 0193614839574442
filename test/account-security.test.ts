// Accounts against real Postgres, Redis and a local SMTP server: removal revokes keys and sessions,
// invites are revocable and need a verified address, operators need one too, and the password reset
// and change flows end every session.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKey } from "@/lib/apikeys/authenticate-api-key";
import { createApiKey } from "@/lib/apikeys/create-api-key";
import { authorizeCredentials } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import type { AppError } from "@/lib/errors";
import { acceptInvite, findInvite } from "@/lib/members/accept-invite";
import { changeMemberRole, removeMember } from "@/lib/members/change-member";
import { DEMO_ACCOUNT } from "@/lib/demo/demo-account";
import { createOrganization } from "@/lib/onboarding/create-organization";
import { ensureInitialOrg } from "@/lib/onboarding/ensure-initial-org";
import { inviteMember } from "@/lib/members/invite-member";
import { revokeInvite } from "@/lib/members/revoke-invite";
import { isOperator } from "@/lib/operators/is-operator";
import { sendVerificationEmail, verifyEmail } from "@/lib/onboarding/email-verification";
import { changePassword, requestPasswordReset, resetPassword } from "@/lib/onboarding/passwords";
import { signUp } from "@/lib/onboarding/sign-up";
import { disconnectRedis } from "@/lib/redis/connection";
import { userContext } from "@/lib/tenancy/context";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";
import { startSmtpSink } from "./support/smtp-sink";

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
const OPERATOR = `operator-${randomUUID().slice(0, 8)}@test.local`;

beforeAll(async () => {
  sink = await startSmtpSink();
  // Read by lib/env on first use, which is after this.
  process.env.SMTP_URL = sink.url;
  process.env.BURNRATE_OPERATOR_EMAILS = OPERATOR;
});
afterAll(async () => {
  await sink.close();
  await disconnectRedis();
  await closeConnections();
});

const PASSWORD = "factory passphrase 42";
const caught = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );
const versionOf = async (id: string) => (await db().user.findUniqueOrThrow({ where: { id } })).sessionVersion;

async function mailTo(email: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mail = sink.messages.find((m) => m.to && JSON.stringify(m.to).includes(email));
    if (mail) {
      sink.messages.splice(sink.messages.indexOf(mail), 1);
      return mail.text ?? "";
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail to ${email}`);
}
const tokenIn = (text: string, path: string) => new RegExp(`${path}/([A-Za-z0-9_-]+)`).exec(text)![1]!;

/** A member of `owner`'s org with `role`, verified, who created an API key there. */
async function memberWithKey(owner: Awaited<ReturnType<typeof newOrg>>) {
  const email = `member-${randomUUID().slice(0, 8)}@test.local`;
  const { user } = await signUp({ email, password: PASSWORD, organizationName: "Own" });
  await db().user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
  const { token } = await inviteMember(owner, { email, role: "ENGINEER" });
  await acceptInvite({ id: user.id, email, name: null }, token);
  const membership = await db().membership.findFirstOrThrow({ where: { orgId: owner.orgId, userId: user.id } });
  const ctx = userContext({ id: owner.orgId, slug: owner.orgSlug }, user, "ENGINEER");
  const key = await createApiKey(ctx, { name: "member key", scopes: ["ingest"] });
  return { user, membership, key };
}

describe("members and invites", () => {
  it("removing a member revokes the keys they created and ends their sessions", async () => {
    const owner = await newOrg("removal");
    const ownerKey = await createApiKey(owner, { name: "owner key", scopes: ["read"] });
    const { user, membership, key } = await memberWithKey(owner);
    expect(await authenticateApiKey(key.secret)).not.toBeNull();
    const before = await versionOf(user.id);
    await removeMember(owner, membership.id);
    expect(await authenticateApiKey(key.secret)).toBeNull();
    expect(await authenticateApiKey(ownerKey.secret)).not.toBeNull();
    expect(await versionOf(user.id)).toBe(before + 1);
  });

  it("a pending invite can be revoked, and its link then fails", async () => {
    const owner = await newOrg("revoke");
    const email = `invitee-${randomUUID().slice(0, 8)}@test.local`;
    const invite = await inviteMember(owner, { email, role: "VIEWER" });
    expect(await findInvite(invite.token)).not.toBeNull();
    await revokeInvite(owner, invite.id);
    expect(await findInvite(invite.token)).toBeNull();
    const { user } = await signUp({ email, password: PASSWORD, organizationName: "X" });
    await db().user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
    expect((await caught(acceptInvite({ id: user.id, email, name: null }, invite.token)))?.code).toBe("not_found");
    const other = await newOrg("other");
    expect((await caught(revokeInvite(other, invite.id)))?.code).toBe("not_found");
  });

  it("an invite needs a verified address: signing up with it is not enough", async () => {
    const owner = await newOrg("verify");
    const email = `unverified-${randomUUID().slice(0, 8)}@test.local`;
    const invite = await inviteMember(owner, { email, role: "ADMIN" });
    const { user } = await signUp({ email, password: PASSWORD, organizationName: "Squatter" });
    const err = await caught(acceptInvite({ id: user.id, email, name: null }, invite.token));
    expect(err?.code).toBe("forbidden");
    expect(await db().membership.count({ where: { orgId: owner.orgId, userId: user.id } })).toBe(0);

    expect(await sendVerificationEmail(user.id)).toBe(true);
    await verifyEmail(tokenIn(await mailTo(email), "/verify-email"));
    expect((await acceptInvite({ id: user.id, email, name: null }, invite.token)).slug).toBe(owner.orgSlug);
  });

  it("operator access needs the listed address verified on the account", async () => {
    const { user } = await signUp({ email: OPERATOR, password: PASSWORD, organizationName: "Ops" });
    expect(await isOperator(user.id)).toBe(false);
    await db().user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
    expect(await isOperator(user.id)).toBe(true);
    const stranger = await newOrg("stranger");
    expect(await isOperator((stranger.actor as { userId: string }).userId)).toBe(false);
  });
});

describe("the demo account", () => {
  it("owns the demo organisation and nothing else: no new organisation, no OWNER invite or role", async () => {
    const { userId } = await ensureInitialOrg(DEMO_ACCOUNT, { info: () => {}, warn: () => {} });
    const demo = { id: userId, email: DEMO_ACCOUNT.email, name: null };
    expect((await caught(createOrganization(demo, { name: "Mine now" })))?.code).toBe("forbidden");
    const owner = await newOrg("demo-guard");
    expect((await caught(inviteMember(owner, { email: DEMO_ACCOUNT.email, role: "OWNER" })))?.code).toBe("forbidden");
    const { token } = await inviteMember(owner, { email: DEMO_ACCOUNT.email, role: "VIEWER" });
    await acceptInvite(demo, token);
    const membership = await db().membership.findFirstOrThrow({ where: { orgId: owner.orgId, userId } });
    expect((await caught(changeMemberRole(owner, membership.id, { role: "OWNER" })))?.code).toBe("forbidden");
    const owned = await db().membership.findMany({ where: { userId, role: "OWNER" }, include: { org: true } });
    expect(owned.map((m) => m.org.slug)).toEqual([DEMO_ACCOUNT.slug]);
  });
});

describe("passwords", () => {
  it("sign-up refuses a common password and the email address", async () => {
    const email = `weak-${randomUUID().slice(0, 8)}@test.local`;
    for (const password of ["12345678", "password1", email]) {
      const err = await caught(signUp({ email, password, organizationName: "Weak" }));
      expect(err?.issues[0]?.path, password).toBe("password");
    }
  });

  it("a reset link from the mail sets a new password once, verifies the address and ends every session", async () => {
    const owner = await newOrg("reset");
    const userId = (owner.actor as { userId: string }).userId;
    const before = await versionOf(userId);
    await requestPasswordReset({ email: owner.email });
    await requestPasswordReset({ email: `nobody-${randomUUID()}@test.local` }); // same answer, no mail
    const token = tokenIn(await mailTo(owner.email), "/reset-password");
    const weak = await caught(resetPassword({ token, newPassword: "12345678" }));
    expect(weak?.issues[0]?.path).toBe("newPassword");
    await resetPassword({ token, newPassword: "a brand new passphrase" });
    expect((await caught(resetPassword({ token, newPassword: "yet another passphrase" })))?.code).toBe("not_found");
    const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.sessionVersion).toBe(before + 1);
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(await authorizeCredentials({ email: owner.email, password: "a brand new passphrase" }, "t")).toMatchObject({
      id: userId,
    });
  });

  it("changing the password needs the current one and ends every session", async () => {
    const owner = await newOrg("change");
    const user = { id: (owner.actor as { userId: string }).userId, email: owner.email };
    const before = await versionOf(user.id);
    const wrong = await caught(
      changePassword(user, { currentPassword: "nope", newPassword: "a brand new passphrase" }, "t"),
    );
    expect(wrong?.issues[0]?.path).toBe("currentPassword");
    await changePassword(user, { currentPassword: PASSWORD, newPassword: "a brand new passphrase" }, "t");
    expect(await versionOf(user.id)).toBe(before + 1);
  });
});
