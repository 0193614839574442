import { z } from "zod";
import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "./password";
import { beginSignIn, signInFailed, signInSucceeded } from "./sign-in-throttle";

const credentialsSchema = z.object({ email: z.string().email().max(254), password: z.string().min(1).max(200) });

export type AuthorizedUser = { id: string; email: string; name: string | null; sessionVersion: number };

let dummyHash: Promise<string> | undefined;

/**
 * Checks an email and password: throttled per account and client address (throws SignInThrottled),
 * and an unknown address costs the same Argon2 verification as a wrong password, with the same null.
 */
export async function authorizeCredentials(raw: unknown, address: string): Promise<AuthorizedUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  await beginSignIn(email, address);
  const user = await db().user.findUnique({ where: { email } });
  dummyHash ??= hashPassword(`dummy-${Math.random()}`);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), parsed.data.password);
  if (!user || !ok) {
    await signInFailed(email, address);
    return null;
  }
  await signInSucceeded(email, address);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
