// Onboarding and accounts (issue 15) against real Postgres and a local SMTP server: an invited person
// signs up for the invited address only, without an organisation of their own, and joins once the address
// is confirmed; links in mail use the configured base URL; the audit log filters by actor, action and
// time, never across organisations.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/lib/audit/list-audit";
import { db } from "@/lib/db";
import type { AppError } from "@/lib/errors";
import { acceptInvite, findInvite } from "@/lib/members/accept-invite";
import { inviteMember } from "@/lib/members/invite-member";
import { inviteUrl } from "@/lib/members/invite-url";
import { revokeInvite } from "@/lib/members/revoke-invite";
import { sendVerificationEmail, verifyEmail } from "@/lib/onboarding/email-verification";
import { sendInviteEmail } from "@/lib/onboarding/invite-mail";
import { signUpInput, signUpInvited } from "@/lib/onboarding/sign-up";
import { disconnectRedis } from "@/lib/redis/connection";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";
import { startSmtpSink } from "./support/smtp-sink";

const BASE = "https://burnrate.example.test/app";
let sink: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  sink = await startSmtpSink();
  // Read by lib/env on first use, which is after this.
  process.env.SMTP_URL = sink.url;
  process.env.NEXTAUTH_URL = `${BASE}/`;
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

async function mailTo(email: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mail = sink.messages.find((m) => JSON.stringify(m.to ?? "").includes(email));
    if (mail) {
      sink.messages.splice(sink.messages.indexOf(mail), 1);
      return mail.text ?? "";
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail to ${email}`);
}

describe("signing up through an invite", () => {
  it("is for the invited address only, creates no organisation, and joins once the address is confirmed", async () => {
    const owner = await newOrg("inviter");
    const email = `invited-${randomUUID().slice(0, 8)}@test.local`;
    const { token } = await inviteMember(owner, { email, role: "FINANCE" });

    const wrong = await caught(signUpInvited({ email: `x${email}`, password: PASSWORD, inviteToken: token }));
    expect(wrong?.issues).toEqual([
      { path: "email", message: `this invite is for ${email}: sign up with that address` },
    ]);
    expect(await db().user.count({ where: { email: `x${email}` } })).toBe(0);

    const result = await signUpInvited({ email, password: PASSWORD, inviteToken: token, name: "Ines" });
    expect(result.invite).toEqual({ organizationName: "inviter Inc", role: "FINANCE" });
    expect(await db().membership.count({ where: { userId: result.user.id } })).toBe(0); // no org of their own
    expect(await findInvite(token)).not.toBeNull(); // still pending

    const user = { id: result.user.id, email, name: "Ines" };
    expect((await caught(acceptInvite(user, token)))?.code).toBe("forbidden"); // address not confirmed yet

    expect(await sendVerificationEmail(user.id, `/invite/${token}`)).toBe(true);
    const text = await mailTo(email);
    const link = /https:\/\/\S+/.exec(text)![0];
    expect(link.startsWith(`${BASE}/verify-email/`)).toBe(true);
    expect(new URL(link).searchParams.get("next")).toBe(`/invite/${token}`);
    await verifyEmail(new URL(link).pathname.split("/").pop()!);

    expect((await acceptInvite(user, token)).slug).toBe(owner.orgSlug);
    const memberships = await db().membership.findMany({ where: { userId: user.id }, include: { org: true } });
    expect(memberships.map((m) => [m.org.slug, m.role])).toEqual([[owner.orgSlug, "FINANCE"]]);
  });

  it("refuses a revoked or unknown invite, naming the field", async () => {
    const owner = await newOrg("revoked");
    const email = `late-${randomUUID().slice(0, 8)}@test.local`;
    const invite = await inviteMember(owner, { email, role: "VIEWER" });
    await revokeInvite(owner, invite.id);
    for (const inviteToken of [invite.token, "not-a-token"]) {
      const err = await caught(signUpInvited({ email, password: PASSWORD, inviteToken }));
      expect(err?.issues[0]?.path).toBe("inviteToken");
    }
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("without an invite, an organisation name is required", () => {
    const r = signUpInput.safeParse({ email: "a@b.test", password: PASSWORD });
    expect(r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["organizationName", "name your organisation"],
    ]);
    expect(signUpInput.safeParse({ email: "a@b.test", password: PASSWORD, inviteToken: "t" }).success).toBe(true);
  });

  it("invite links and invite mail use the configured base URL", async () => {
    const owner = await newOrg("mailer");
    const email = `mailed-${randomUUID().slice(0, 8)}@test.local`;
    const { token, ...invite } = await inviteMember(owner, { email, role: "VIEWER" });
    const url = inviteUrl(token);
    expect(url).toBe(`${BASE}/invite/${token}`);
    expect(await sendInviteEmail(owner.orgId, invite, url)).toBe(true);
    const text = await mailTo(email);
    expect(text).toContain("mailer Inc");
    expect(text).toContain(`${BASE}/invite/${token}`);
  });
});

describe("the audit log's filters", () => {
  async function entry(
    orgId: string,
    actor: { userId?: string; apiKeyId?: string; label: string },
    action: string,
    at: string,
  ) {
    return db().auditLog.create({
      data: {
        orgId,
        actorUserId: actor.userId ?? null,
        actorApiKeyId: actor.apiKeyId ?? null,
        actorLabel: actor.label,
        action,
        targetType: "test",
        createdAt: new Date(at),
      },
    });
  }

  it("narrows by actor, action and time range, pages within the filter, and never crosses organisations", async () => {
    const a = await newOrg("audit-a");
    const b = await newOrg("audit-b");
    await db().auditLog.deleteMany({ where: { orgId: { in: [a.orgId, b.orgId] } } }); // only the rows below
    const ann = { userId: "user-ann", label: "ann@test.local" };
    const key = { apiKeyId: "key-1", label: "api key deploy" };
    await entry(a.orgId, ann, "budget.created", "2026-11-01T10:00:00Z");
    await entry(a.orgId, key, "budget.updated", "2026-11-02T10:00:00Z");
    await entry(a.orgId, ann, "budget.updated", "2026-11-03T10:00:00Z");
    await entry(a.orgId, ann, "budget.updated", "2026-11-04T10:00:00Z");
    await entry(b.orgId, { userId: "user-bob", label: "bob@test.local" }, "budget.updated", "2026-11-03T12:00:00Z");
    const days = async (opts: Parameters<typeof listAudit>[1]) =>
      (await listAudit(a, opts)).items.map((i) => i.createdAt.toISOString().slice(0, 10));

    expect(await days({})).toEqual(["2026-11-04", "2026-11-03", "2026-11-02", "2026-11-01"]);
    expect(await days({ actor: "user:user-ann" })).toEqual(["2026-11-04", "2026-11-03", "2026-11-01"]);
    expect(await days({ actor: "apiKey:key-1" })).toEqual(["2026-11-02"]);
    expect(await days({ action: "budget.updated" })).toEqual(["2026-11-04", "2026-11-03", "2026-11-02"]);
    expect(await days({ from: "2026-11-02T00:00:00Z", to: "2026-11-04T00:00:00Z" })).toEqual([
      "2026-11-03",
      "2026-11-02",
    ]);
    expect(await days({ actor: "user:user-ann", action: "budget.updated", from: "2026-11-03T10:00:00Z" })).toEqual([
      "2026-11-04",
      "2026-11-03",
    ]);

    // Pages of one entry within a filter: the cursor continues the filtered list.
    const first = await listAudit(a, { action: "budget.updated", limit: 1 });
    const second = await listAudit(a, { action: "budget.updated", limit: 1, cursor: first.nextCursor! });
    const third = await listAudit(a, { action: "budget.updated", limit: 1, cursor: second.nextCursor! });
    expect([first, second, third].map((p) => p.items[0]!.createdAt.toISOString().slice(0, 10))).toEqual([
      "2026-11-04",
      "2026-11-03",
      "2026-11-02",
    ]);
    expect(third.nextCursor).toBeNull();

    // The menus list what occurs in this organisation's log only.
    expect(first.filters).toEqual({
      actions: ["budget.created", "budget.updated"],
      actors: [
        { value: "user:user-ann", label: "ann@test.local" },
        { value: "apiKey:key-1", label: "api key deploy" },
      ],
    });

    // Another organisation's actor, or its entry as a cursor, finds nothing of it.
    expect(await days({ actor: "user:user-bob" })).toEqual([]);
    const bEntry = await db().auditLog.findFirstOrThrow({ where: { orgId: b.orgId } });
    expect((await caught(listAudit(a, { cursor: bEntry.id })))?.issues[0]?.path).toBe("cursor");
    expect((await caught(listAudit(a, { actor: "bob" })))?.issues[0]?.path).toBe("actor");
    expect(
      (await caught(listAudit(a, { from: "2026-11-04T00:00:00Z", to: "2026-11-03T00:00:00Z" })))?.issues[0]?.path,
    ).toBe("to");
  });
});
