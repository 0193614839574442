import { db } from "@/lib/db";
import { issueUserToken, consumeUserToken } from "@/lib/auth/user-tokens";
import { AppError } from "@/lib/errors";
import { appLink, sendAccountMail } from "./account-mail";

/**
 * Mails the user a link that proves they receive mail at their address (when SMTP is configured);
 * `next` (a path of this app, such as the invite being accepted) is where the confirmation page continues.
 */
export async function sendVerificationEmail(userId: string, next?: string): Promise<boolean> {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user || user.emailVerifiedAt) return false;
  const token = await issueUserToken(user.id, "verify_email");
  return sendAccountMail(
    user.email,
    "Confirm your Burnrate email address",
    "Open this link to confirm that this address is yours. Until then, invitations and operator access wait.",
    appLink(`/verify-email/${token}${next?.startsWith("/") ? `?next=${encodeURIComponent(next)}` : ""}`),
  );
}

/** Marks the address of the token's user verified; a bad or used token is a 404. */
export async function verifyEmail(token: string): Promise<{ email: string }> {
  const userId = await consumeUserToken(token, "verify_email");
  if (!userId) throw AppError.notFound("This link is invalid, was already used, or has expired");
  const user = await db().user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
  return { email: user.email };
}

/** Invites and operator access trust an address only once its owner proved it. */
export async function assertEmailVerified(userId: string): Promise<void> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  if (!user?.emailVerifiedAt) {
    throw new AppError("forbidden", "Confirm your email address first (see the link we sent you)", [
      { path: "email", message: "not verified" },
    ]);
  }
}
