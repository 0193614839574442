import { z } from "zod";
import { authorizeCredentials } from "@/lib/auth/authorize";
import { hashPassword } from "@/lib/auth/password";
import { assertStrongPassword, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { endAllSessions } from "@/lib/auth/session-version";
import { consumeUserToken, issueUserToken, userOfToken } from "@/lib/auth/user-tokens";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { accountMailEnabled, appLink, sendAccountMail } from "./account-mail";

const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200)
  .describe("The new password: 8+ characters, not a common password, not the email address");

export const changePasswordInput = z.strictObject({
  currentPassword: z.string().min(1).max(200).describe("The password in use now"),
  newPassword,
});
export const requestResetInput = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(254).describe("The account's sign-in address"),
});
export const resetPasswordInput = z.strictObject({
  token: z.string().min(1).max(100).describe("The token of the emailed link"),
  newPassword,
});

async function setPassword(userId: string, email: string, password: string): Promise<void> {
  assertStrongPassword(password, email, "newPassword");
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await endAllSessions(userId, tx);
  });
}

/**
 * Changes the signed-in user's password after checking the current one (throttled like a sign-in), and
 * ends every session, this one included: the user signs in again with the new password.
 */
export async function changePassword(
  user: { id: string; email: string },
  input: z.infer<typeof changePasswordInput>,
  address: string,
): Promise<void> {
  const ok = await authorizeCredentials({ email: user.email, password: input.currentPassword }, address);
  if (!ok || ok.id !== user.id) {
    throw new AppError("invalid_request", "The current password is wrong", [
      { path: "currentPassword", message: "wrong password" },
    ]);
  }
  await setPassword(user.id, user.email, input.newPassword);
}

/**
 * Mails a reset link if the address has an account. Says nothing either way and answers before the
 * mail goes out, so neither the answer nor its timing tells whether the account exists.
 */
export async function requestPasswordReset(input: z.infer<typeof requestResetInput>): Promise<void> {
  const user = await db().user.findUnique({ where: { email: input.email } });
  if (!user || !accountMailEnabled()) return;
  void (async () => {
    const token = await issueUserToken(user.id, "reset_password");
    await sendAccountMail(
      user.email,
      "Reset your Burnrate password",
      "Someone (hopefully you) asked to reset the password of this Burnrate account. The link works once, for an hour.",
      appLink(`/reset-password/${token}`),
    );
  })().catch((err: unknown) => log.warn({ err }, "password reset mail failed"));
}

/**
 * Sets a new password from an emailed token. The mail proved the address, so it also counts as verified;
 * every existing session ends.
 */
export async function resetPassword(input: z.infer<typeof resetPasswordInput>): Promise<void> {
  const gone = () => AppError.notFound("This link is invalid, was already used, or has expired");
  const owner = await userOfToken(input.token, "reset_password");
  if (!owner) throw gone();
  // A weak password is refused before the token is used up, so the link can be tried again.
  assertStrongPassword(input.newPassword, owner.email, "newPassword");
  if ((await consumeUserToken(input.token, "reset_password")) !== owner.id) throw gone();
  const user = await db().user.findUniqueOrThrow({ where: { id: owner.id } });
  await setPassword(user.id, user.email, input.newPassword);
  if (!user.emailVerifiedAt) await db().user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
}
