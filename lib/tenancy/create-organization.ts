import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/current-user";
import { userContext } from "./context";
import { slugFor } from "./slug";

export const createOrganizationInput = z.strictObject({
  name: z.string().trim().min(1, "name your organisation").max(100),
});

/** A signed-in user creates another organisation and becomes its OWNER. */
export async function createOrganization(user: SessionUser, input: z.infer<typeof createOrganizationInput>) {
  return db().$transaction(async (tx) => {
    const org = await tx.organization.create({ data: { name: input.name, slug: slugFor(input.name) } });
    await tx.membership.create({ data: { orgId: org.id, userId: user.id, role: "OWNER" } });
    const ctx = userContext(org, user, "OWNER");
    await recordAudit(ctx, { action: "organization.created", targetType: "organization", targetId: org.id, metadata: { name: org.name } }, tx);
    return { id: org.id, slug: org.slug, name: org.name };
  });
}
