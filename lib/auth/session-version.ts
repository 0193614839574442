import { db, type Prisma } from "@/lib/db";

/** The user's current session version, or null when the user no longer exists. */
export async function sessionVersionOf(userId: string): Promise<number | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? null;
}

/** Ends every session of the user (sign-out everywhere, password change or reset, removal from an org). */
export async function endAllSessions(userId: string, tx: Prisma.TransactionClient = db()): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
