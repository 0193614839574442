import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { hashApiKey, visiblePrefix } from "@/lib/apikeys/key-format";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertMayOwn, DEMO_ACCOUNT, isDemoAccount } from "@/lib/demo/demo-account";
import { userContext } from "@/lib/tenancy/context";

export type InitialOrg = { slug: string; name?: string; email: string; password: string; apiKey?: string };
type Logger = { info: (msg: string) => void; warn: (msg: string) => void };

/**
 * Headless initialisation: makes sure the organisation, its OWNER and (optionally) that exact
 * API key exist. Idempotent; never silently overwrites a different existing password or key.
 */
export async function ensureInitialOrg(init: InitialOrg, logger: Logger) {
  const email = init.email.toLowerCase();
  if (isDemoAccount(email) && init.slug !== DEMO_ACCOUNT.slug) assertMayOwn(email);
  let user = await db().user.findUnique({ where: { email } });
  if (!user) {
    // The operator configured this address: it is verified by configuration.
    user = await db().user.create({
      data: { email, passwordHash: await hashPassword(init.password), emailVerifiedAt: new Date() },
    });
    logger.info(`created user ${email}`);
  } else if (!(await verifyPassword(user.passwordHash, init.password))) {
    logger.warn(`user ${email} exists with a different password; leaving it unchanged`);
  }
  let org = await db().organization.findUnique({ where: { slug: init.slug } });
  if (!org) {
    org = await db().organization.create({ data: { slug: init.slug, name: init.name ?? init.slug } });
    logger.info(`created organisation ${init.slug}`);
  }
  const ctx = userContext(org, user, "OWNER");
  const membership = await db().membership.findUnique({ where: { orgId_userId: { orgId: org.id, userId: user.id } } });
  if (!membership) {
    await db().membership.create({ data: { orgId: org.id, userId: user.id, role: "OWNER" } });
    await recordAudit(ctx, {
      action: "member.added",
      targetType: "membership",
      metadata: { email, role: "OWNER", via: "headless-init" },
    });
  } else if (membership.role !== "OWNER") {
    logger.warn(`${email} is ${membership.role} in ${init.slug}, not OWNER; leaving the role unchanged`);
  }
  if (init.apiKey) await ensureInitialKey(ctx, init.apiKey, logger);
  return { orgId: org.id, userId: user.id };
}

async function ensureInitialKey(ctx: ReturnType<typeof userContext>, secret: string, logger: Logger) {
  const keyHash = hashApiKey(secret);
  const existing = await db().apiKey.findUnique({ where: { keyHash } });
  if (existing && existing.orgId !== ctx.orgId) {
    logger.warn("BURNRATE_INIT_API_KEY belongs to another organisation; not touching it");
    return;
  }
  if (existing) {
    if (existing.revokedAt) logger.warn("BURNRATE_INIT_API_KEY exists but was revoked; not re-enabling it");
    return;
  }
  const others = await db().apiKey.count({ where: { orgId: ctx.orgId, name: "initial", revokedAt: null } });
  if (others > 0)
    logger.warn("an 'initial' API key with a different secret already exists; adding the configured key beside it");
  const key = await db().apiKey.create({
    data: { orgId: ctx.orgId, name: "initial", prefix: visiblePrefix(secret), keyHash, scopes: ["ingest", "read"] },
  });
  await recordAudit(ctx, {
    action: "api_key.created",
    targetType: "api_key",
    targetId: key.id,
    metadata: { name: "initial", via: "headless-init" },
  });
  logger.info("created the configured initial API key");
}
