// Operator commands for accounts, for deployments without SMTP (README "Security"):
//   node scripts/with-services.mjs npx tsx scripts/user-admin.ts verify <email>
//   node scripts/with-services.mjs npx tsx scripts/user-admin.ts reset-password <email>
//   node scripts/with-services.mjs npx tsx scripts/user-admin.ts unlock <email>
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { endAllSessions } from "@/lib/auth/session-version";
import { db, disconnectDb } from "@/lib/db";
import { disconnectRedis, redis, redisKey } from "@/lib/redis/connection";

const [command, rawEmail] = process.argv.slice(2);
const email = rawEmail?.trim().toLowerCase();
const usage = "usage: user-admin.ts verify|reset-password|unlock <email>";

function fail(message: string, code: number): number {
  console.error(message);
  return code;
}

async function main(): Promise<number> {
  if (!command || !email) return fail(usage, 2);
  const user = await db().user.findUnique({ where: { email } });
  if (!user) return fail(`no account with the address ${email}`, 1);
  if (command === "verify") {
    await db().user.update({ where: { id: user.id }, data: { emailVerifiedAt: user.emailVerifiedAt ?? new Date() } });
    console.log(`${email}: address confirmed`);
  } else if (command === "reset-password") {
    const password = randomBytes(15).toString("base64url");
    const passwordHash = await hashPassword(password);
    await db().$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
      await endAllSessions(user.id, tx);
    });
    console.log(
      `${email}: every session ended; one-time password (pass it on, then have them change it):\n${password}`,
    );
  } else if (command === "unlock") {
    await redis().del(redisKey("signin", "account", email));
    console.log(`${email}: sign-in throttle cleared`);
  } else {
    return fail(usage, 2);
  }
  return 0;
}

const code = await main();
await disconnectRedis();
await disconnectDb();
process.exit(code);
