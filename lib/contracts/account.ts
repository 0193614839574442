import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import { changePasswordInput, requestResetInput, resetPasswordInput } from "@/lib/onboarding/passwords";

const tokenBody = z.strictObject({ token: z.string().min(1).max(100).describe("The token of the emailed link") });

export const changePasswordContract = defineContract({
  name: "account.changePassword",
  method: "POST",
  path: "/api/account/password",
  auth: { kind: "user" },
  summary: "Change my password",
  description:
    "Checks the current password (throttled like a sign-in), sets the new one and ends every session of the account, this one included.",
  body: changePasswordInput,
  responses: { 200: z.object({ changed: z.literal(true).describe("Always true; sign in again") }) },
});

export const sendVerificationContract = defineContract({
  name: "account.sendVerification",
  method: "POST",
  path: "/api/account/verification-email",
  auth: { kind: "user" },
  summary: "Send me a verification email",
  description: "Mails a link that confirms the account's address (when SMTP is configured).",
  responses: { 202: z.object({ sent: z.boolean().describe("Whether a message was handed to the mail server") }) },
});

export const verifyEmailContract = defineContract({
  name: "auth.verifyEmail",
  method: "POST",
  path: "/api/auth/verify-email",
  auth: { kind: "public", rateLimit: "ACCOUNT_MAIL_RATE_LIMIT_PER_MINUTE" },
  summary: "Confirm an email address",
  description: "Uses the token of a verification link once.",
  body: tokenBody,
  responses: { 200: z.object({ email: z.string().describe("The address now verified") }) },
  errors: { not_found: "Link invalid, used or expired" },
});

export const requestPasswordResetContract = defineContract({
  name: "auth.requestPasswordReset",
  method: "POST",
  path: "/api/auth/password-reset",
  auth: { kind: "public", rateLimit: "ACCOUNT_MAIL_RATE_LIMIT_PER_MINUTE" },
  summary: "Ask for a password reset link",
  description:
    "Mails a one-hour reset link when the address has an account and SMTP is configured. The answer is the same either way.",
  body: requestResetInput,
  responses: { 202: z.object({ accepted: z.literal(true).describe("Always true") }) },
});

export const resetPasswordContract = defineContract({
  name: "auth.resetPassword",
  method: "POST",
  path: "/api/auth/password-reset/confirm",
  auth: { kind: "public", rateLimit: "ACCOUNT_MAIL_RATE_LIMIT_PER_MINUTE" },
  summary: "Set a new password from a reset link",
  description: "Uses the link's token once; every session of the account ends.",
  body: resetPasswordInput,
  responses: { 200: z.object({ reset: z.literal(true).describe("Always true; sign in with the new password") }) },
  errors: { not_found: "Link invalid, used or expired" },
});

export const ACCOUNT_CONTRACTS = [
  changePasswordContract,
  sendVerificationContract,
  verifyEmailContract,
  requestPasswordResetContract,
  resetPasswordContract,
] as const;
