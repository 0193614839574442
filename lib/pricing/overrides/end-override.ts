import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { OrgContext } from "@/lib/tenancy/context";
import { invalidatePriceCache } from "../load-price-book";
import { startReprice } from "../reprice/start-reprice";

/** Ends an override now (its history stays, so past events keep the price they had). */
export async function endOverride(ctx: OrgContext, overrideId: string) {
  const now = new Date();
  const override = await db().$transaction(async (tx) => {
    const existing = await tx.priceOverride.findFirst({ where: { id: overrideId, orgId: ctx.orgId } });
    if (!existing) throw AppError.notFound("Price override not found");
    if (existing.effectiveTo && existing.effectiveTo <= now) return existing;
    const ended = await tx.priceOverride.update({ where: { id: existing.id }, data: { effectiveTo: now } });
    await recordAudit(
      ctx,
      {
        action: "price_override.ended",
        targetType: "price_override",
        targetId: existing.id,
        metadata: { kind: existing.kind, provider: existing.provider, model: existing.model },
      },
      tx,
    );
    return ended;
  });
  invalidatePriceCache(ctx.orgId);
  const repriceJob = await startReprice(ctx, { provider: override.provider, model: override.model, from: now });
  return { override, repriceJob };
}
