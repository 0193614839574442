import { db } from "@/lib/db";
import { env } from "@/lib/env";

/**
 * Operators run the deployment (the global price catalog is shared by every tenant, so no
 * organisation role may change it). They are the accounts whose address is listed in
 * BURNRATE_OPERATOR_EMAILS and verified: the account is looked up by its id, so an address someone
 * merely typed at sign-up grants nothing.
 */
export async function isOperator(userId: string): Promise<boolean> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true, emailVerifiedAt: true } });
  return Boolean(user?.emailVerifiedAt && env().BURNRATE_OPERATOR_EMAILS.includes(user.email.toLowerCase()));
}
