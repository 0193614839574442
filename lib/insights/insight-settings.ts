import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors/parse-input";
import type { OrgContext } from "@/lib/tenancy/context";

export const MAX_NON_INTERACTIVE_FEATURES = 200;

export const insightSettingsBody = z.strictObject({
  nonInteractiveFeatures: z
    .array(z.string().trim().min(1, "a feature name, not an empty string").max(200, "at most 200 characters"))
    .max(MAX_NON_INTERACTIVE_FEATURES, `at most ${MAX_NON_INTERACTIVE_FEATURES} features`)
    .describe("Features marked as not interactive (batch, background work that can wait): the whole list"),
});

/** The features the organisation marked as not interactive, sorted (none when never set). */
export async function nonInteractiveFeatures(orgId: string): Promise<string[]> {
  const org = await db().organization.findUnique({ where: { id: orgId }, select: { nonInteractiveFeatures: true } });
  return [...(org?.nonInteractiveFeatures ?? [])].sort();
}

/** What the savings insights are told about the organisation's features. */
export const getInsightSettings = async (ctx: Pick<OrgContext, "orgId">) => ({
  nonInteractiveFeatures: await nonInteractiveFeatures(ctx.orgId),
});

/**
 * Replaces the list of features marked as not interactive (batch and background work that can wait):
 * the batch and flex tier insight considers them whatever their latency or event tags. Names are
 * trimmed and kept once each; audited.
 */
export async function updateInsightSettings(ctx: OrgContext, input: z.input<typeof insightSettingsBody>) {
  const b = parseInput(insightSettingsBody, input);
  const features = [...new Set(b.nonInteractiveFeatures)].sort();
  await db().$transaction(async (tx) => {
    await tx.organization.update({ where: { id: ctx.orgId }, data: { nonInteractiveFeatures: features } });
    await recordAudit(
      ctx,
      {
        action: "organization.insight_settings_set",
        targetType: "organization",
        targetId: ctx.orgId,
        metadata: { nonInteractiveFeatures: features },
      },
      tx,
    );
  });
  return { nonInteractiveFeatures: features };
}
