import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { OrgContext } from "@/lib/tenancy/context";
import { generateApiKey } from "./key-format";

const attribution = z.string().trim().min(1).max(200);

export const createApiKeyInput = z.strictObject({
  name: z.string().trim().min(1, "give the key a name").max(100),
  scopes: z
    .array(z.enum(["ingest", "read", "admin"]))
    .min(1, "choose at least one scope")
    .max(3),
  defaultAttribution: z
    .strictObject({
      team: attribution.optional(),
      feature: attribution.optional(),
      customer: attribution.optional(),
      environment: attribution.optional(),
    })
    .optional(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

/** Creates a key; the returned `secret` is the only time the full key is ever available. */
export async function createApiKey(ctx: OrgContext, input: CreateApiKeyInput) {
  // An `admin` key manages budgets, channels and webhooks by API: only a member who may change the
  // organisation's settings can mint one (an ENGINEER manages keys but must not escalate through one).
  if (input.scopes.includes("admin") && !(ctx.role && can(ctx.role, "org:settings"))) {
    throw new AppError("forbidden", "Only an owner or admin can create a key with the 'admin' scope", [
      { path: "scopes", message: "the 'admin' scope needs the org:settings permission (OWNER or ADMIN)" },
    ]);
  }
  const { secret, prefix, hash } = generateApiKey();
  const key = await db().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        orgId: ctx.orgId,
        name: input.name,
        prefix,
        keyHash: hash,
        scopes: [...new Set(input.scopes)],
        defaultAttribution: input.defaultAttribution ?? undefined,
        // Stryker disable next-line ConditionalExpression: equivalent, an API key actor has no userId and Prisma stores undefined as null (docs/mutation.md)
        createdById: ctx.actor.type === "user" ? ctx.actor.userId : null,
      },
      select: apiKeyPublicFields,
    });
    await recordAudit(
      ctx,
      {
        action: "api_key.created",
        targetType: "api_key",
        targetId: created.id,
        metadata: { name: input.name, scopes: input.scopes },
      },
      tx,
    );
    return created;
  });
  return { ...key, secret };
}

export const apiKeyPublicFields = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  defaultAttribution: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
} as const;
