import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import type { OrgContext } from "@/lib/tenancy/context";
import { CATALOG_EPOCH } from "../catalog/install-catalog";
import { invalidatePriceCache } from "../load-price-book";
import { startReprice } from "../reprice/start-reprice";
import type { CreateOverrideInput } from "./override-input";

/**
 * Adds a discount or a custom price for this organisation, audited, and queues re-pricing of
 * the events it affects. Without effectiveFrom a custom price applies to all history (so that
 * unpriced events get a price); a discount applies from now.
 */
export async function createOverride(ctx: OrgContext, input: CreateOverrideInput) {
  const effectiveFrom = input.effectiveFrom
    ? new Date(input.effectiveFrom)
    : input.kind === "CUSTOM_PRICE"
      ? CATALOG_EPOCH
      : new Date();
  const override = await db().$transaction(async (tx) => {
    const created = await tx.priceOverride.create({
      data: {
        orgId: ctx.orgId,
        kind: input.kind,
        provider: input.provider ?? null,
        model: input.model ?? null,
        percentOff: input.kind === "DISCOUNT" ? input.percentOff : null,
        prices: input.kind === "CUSTOM_PRICE" ? input.prices : undefined,
        longContext: input.kind === "CUSTOM_PRICE" && input.longContext ? input.longContext : undefined,
        note: input.note ?? null,
        effectiveFrom,
        createdById: ctx.actor.type === "user" ? ctx.actor.userId : null,
      },
    });
    await recordAudit(
      ctx,
      {
        action: "price_override.created",
        targetType: "price_override",
        targetId: created.id,
        metadata: JSON.parse(JSON.stringify(input)),
      },
      tx,
    );
    return created;
  });
  invalidatePriceCache(ctx.orgId);
  const repriceJob = await startReprice(ctx, {
    provider: override.provider,
    model: override.model,
    from: effectiveFrom,
  });
  return { override, repriceJob };
}
