import { z } from "zod";
import { parseInput } from "@/lib/errors/parse-input";
import { db } from "@/lib/db";
import { eventTypeSchema } from "@/lib/delivery/event-types";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { checkOutboundUrl } from "@/lib/net/check-url";
import type { OrgContext } from "@/lib/tenancy/context";
import { endpointView, type WebhookEndpointView } from "./endpoint-view";
import { generateWebhookSecret, sealWebhookSecret } from "./webhook-secret";

export const createWebhookEndpointInput = z
  .object({
    url: z.string().url().max(2048),
    events: z
      .array(eventTypeSchema)
      .min(1)
      .transform((e) => [...new Set(e)]),
  })
  .strict();
export type CreateWebhookEndpointInput = z.input<typeof createWebhookEndpointInput>;

/** Old and new secrets both sign for this long after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** Creates an endpoint; the `whsec_…` secret is returned here once and stored only encrypted. */
export async function createWebhookEndpoint(
  ctx: OrgContext,
  input: CreateWebhookEndpointInput,
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const { url, events } = parseInput(createWebhookEndpointInput, input);
  await checkOutboundUrl(url, "url");
  const secret = generateWebhookSecret();
  const row = await db().webhookEndpoint.create({
    data: { orgId: ctx.orgId, url, events, secretEncrypted: sealWebhookSecret(ctx.orgId, secret) },
  });
  await recordAudit(ctx, {
    action: "webhook.create",
    targetType: "webhook_endpoint",
    targetId: row.id,
    metadata: { url, events },
  });
  return { endpoint: endpointView(row), secret };
}

export async function listWebhookEndpoints(ctx: OrgContext): Promise<WebhookEndpointView[]> {
  const rows = await db().webhookEndpoint.findMany({ where: { orgId: ctx.orgId }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => endpointView(r));
}

export async function findWebhookEndpoint(ctx: OrgContext, id: string) {
  const row = await db().webhookEndpoint.findUnique({ where: { orgId_id: { orgId: ctx.orgId, id } } });
  if (!row) throw AppError.notFound("Webhook endpoint not found");
  return row;
}

/** Deletes an endpoint with its delivery log. */
export async function deleteWebhookEndpoint(ctx: OrgContext, id: string): Promise<void> {
  await findWebhookEndpoint(ctx, id);
  await db().$transaction([
    db().delivery.deleteMany({ where: { orgId: ctx.orgId, target: "webhook", targetId: id } }),
    db().webhookEndpoint.delete({ where: { orgId_id: { orgId: ctx.orgId, id } } }),
  ]);
  await recordAudit(ctx, { action: "webhook.delete", targetType: "webhook_endpoint", targetId: id });
}

/**
 * Replaces the signing secret; the previous one keeps signing (a second signature) for 24 hours so
 * receivers can switch over. Returns the new secret, once.
 */
export async function rotateWebhookSecret(
  ctx: OrgContext,
  id: string,
  now = new Date(),
): Promise<{ secret: string; previousSecretExpiresAt: string }> {
  const endpoint = await findWebhookEndpoint(ctx, id);
  const secret = generateWebhookSecret();
  const expires = new Date(now.getTime() + ROTATION_OVERLAP_MS);
  await db().webhookEndpoint.update({
    where: { orgId_id: { orgId: ctx.orgId, id } },
    data: {
      secretEncrypted: sealWebhookSecret(ctx.orgId, secret),
      previousSecretEncrypted: endpoint.secretEncrypted,
      previousSecretExpiresAt: expires,
    },
  });
  await recordAudit(ctx, { action: "webhook.rotate_secret", targetType: "webhook_endpoint", targetId: id });
  return { secret, previousSecretExpiresAt: expires.toISOString() };
}
