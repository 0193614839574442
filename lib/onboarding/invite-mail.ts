import { db } from "@/lib/db";
import { accountMailEnabled, sendAccountMail } from "./account-mail";

/** Mails the invitee their link (when SMTP is configured); returns whether it was sent. */
export async function sendInviteEmail(orgId: string, invite: { email: string; role: string }, link: string) {
  if (!accountMailEnabled()) return false;
  const org = await db().organization.findUniqueOrThrow({ where: { id: orgId }, select: { name: true } });
  return sendAccountMail(
    invite.email,
    `You are invited to ${org.name} on Burnrate`,
    `You were invited to join ${org.name} on Burnrate as ${invite.role}. Open this link within 7 days to create your account (or sign in) and join.`,
    link,
  );
}
