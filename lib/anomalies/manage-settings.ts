import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/errors/parse-input";
import { formatPicoUsd, usdToPico } from "@/lib/money/pico";
import type { OrgContext } from "@/lib/tenancy/context";
import { loadAnomalySettings } from "./anomaly-settings";

const usd = z.string().regex(/^\d{1,9}(\.\d{1,6})?$/, 'a decimal amount in USD, e.g. "25" or "0.5"');
export const anomalySettingsBody = z.strictObject({
  minImpact: usd.optional(),
  alertMinImpact: usd.optional(),
  alertMinPercent: z.number().int().min(0).max(10_000).optional(),
  drops: z.boolean().optional(),
  channelIds: z.array(z.string().min(1).max(100)).max(50).nullable().optional(),
});

async function view(orgId: string) {
  const s = await loadAnomalySettings(orgId);
  return {
    minImpact: formatPicoUsd(s.minImpactPico),
    alertMinImpact: formatPicoUsd(s.alertMinImpactPico),
    alertMinPercent: s.alertMinPercent,
    drops: s.drops,
    channelIds: s.allChannels ? null : s.channelIds,
  };
}

/** The organisation's anomaly settings (defaults when never set). */
export const getAnomalySettings = (ctx: OrgContext) => view(ctx.orgId);

/**
 * Changes the fields given: the detector's minimum hourly excess, the alert rule (|impact| ≥ amount
 * and ≥ percent of expected), whether drops are reported, and the channels (null = every channel).
 * A channel id of another organisation is a 400 naming `channelIds[i]`.
 */
export async function updateAnomalySettings(ctx: OrgContext, input: z.input<typeof anomalySettingsBody>) {
  const b = parseInput(anomalySettingsBody, input);
  if (b.channelIds) {
    const found = new Set(
      (
        await db().notificationChannel.findMany({
          where: { orgId: ctx.orgId, id: { in: b.channelIds } },
          select: { id: true },
        })
      ).map((c) => c.id),
    );
    const bad = b.channelIds.findIndex((id) => !found.has(id));
    if (bad >= 0) throw AppError.invalid(`channelIds[${bad}]`, "no such channel in this organisation");
  }
  const data = {
    ...(b.minImpact !== undefined ? { minImpactPico: usdToPico(b.minImpact) } : {}),
    ...(b.alertMinImpact !== undefined ? { alertMinImpactPico: usdToPico(b.alertMinImpact) } : {}),
    ...(b.alertMinPercent !== undefined ? { alertMinPercent: b.alertMinPercent } : {}),
    ...(b.drops !== undefined ? { drops: b.drops } : {}),
    ...(b.channelIds !== undefined ? { allChannels: b.channelIds === null, channelIds: b.channelIds ?? [] } : {}),
    updatedAt: new Date(),
  };
  await db().anomalySettings.upsert({
    where: { orgId: ctx.orgId },
    create: { orgId: ctx.orgId, ...data },
    update: data,
  });
  return view(ctx.orgId);
}
