import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/current-user";
import { userContext } from "@/lib/tenancy/context";
import { assertMayOwn } from "@/lib/demo/demo-account";
import { slugFor } from "./slug";

export const createOrganizationInput = z.strictObject({
  name: z.string().trim().min(1, "name your organisation").max(100),
});

/** In the caller's transaction: a new organisation with `user` as its OWNER, audited. */
export async function createOrganizationFor(
  tx: Prisma.TransactionClient,
  user: { id: string; email: string },
  name: string,
) {
  const org = await tx.organization.create({ data: { name, slug: slugFor(name) } });
  await tx.membership.create({ data: { orgId: org.id, userId: user.id, role: "OWNER" } });
  await recordAudit(
    userContext(org, user, "OWNER"),
    { action: "organization.created", targetType: "organization", targetId: org.id, metadata: { name: org.name } },
    tx,
  );
  return { id: org.id, slug: org.slug, name: org.name };
}

/** A signed-in user creates another organisation and becomes its OWNER. */
export async function createOrganization(user: SessionUser, input: z.infer<typeof createOrganizationInput>) {
  assertMayOwn(user.email);
  return db().$transaction((tx) => createOrganizationFor(tx, user, input.name));
}
