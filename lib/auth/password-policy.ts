import { AppError } from "@/lib/errors";
import { COMMON_PASSWORDS } from "./common-passwords";

export const PASSWORD_MIN_LENGTH = 8;

/** Why a new password is refused, or null. The length bounds live in the input schemas. */
export function passwordWeakness(password: string, email: string): string | null {
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const local = address.split("@")[0] ?? "";
  if (lower === address || (local.length >= 4 && lower === local)) return "must not be your email address";
  if (COMMON_PASSWORDS.has(lower)) return "is one of the most common passwords; choose another";
  if (new Set(lower).size < 4) return "uses too few different characters";
  return null;
}

/** Throws a 400 naming `field` when the password is too weak for `email`. */
export function assertStrongPassword(password: string, email: string, field = "password"): void {
  const weakness = passwordWeakness(password, email);
  if (weakness) throw new AppError("invalid_request", `Password ${weakness}`, [{ path: field, message: weakness }]);
}
