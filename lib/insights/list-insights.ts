import { z } from "zod";
import { formatPicoUsd } from "@/lib/money/pico";
import { loadPriceBook } from "@/lib/pricing/load-price-book";
import type { OrgContext } from "@/lib/tenancy/context";
import { estimateSavings, INSIGHT_KINDS } from "./estimate-savings";
import { nonInteractiveFeatures } from "./insight-settings";
import { usageProfile, wasteProfile } from "./usage-profile";

export const INSIGHTS_WINDOW_DAYS = 30;

const amount = (what: string) => z.string().describe(`${what}, USD per month as an exact decimal string`);

export const insightsResponseSchema = z.object({
  from: z.string().describe("Start of the usage the estimates read (the last 30 days)"),
  to: z.string().describe("End of that usage (now)"),
  insights: z
    .array(
      z.object({
        kind: z.enum(INSIGHT_KINDS).describe("What would change"),
        title: z.string().describe("The change, in words"),
        estimate: z
          .boolean()
          .describe("True when the saving depends on what the data cannot show (another model's quality)"),
        monthlySavings: z
          .object({ low: amount("Low end of the range"), high: amount("High end of the range") })
          .describe("What the change would save per month, as a range"),
        assumption: z.string().describe("What the range assumes"),
        evidence: z.array(z.string()).describe("The figures of the organisation's usage it rests on"),
        features: z.array(z.string()).describe('Features it applies to ("" is unattributed)'),
        models: z.array(z.string()).describe("Models it concerns (a suggested model last)"),
      }),
    )
    .describe("Largest possible saving first"),
});

/**
 * Savings the organisation's own usage of the last 30 days supports, priced from its price book (catalog,
 * custom prices): prompt caching, batch/flex tiers, a smaller model (an estimate), failed and retried
 * calls, and growing conversations.
 */
export async function listInsights(ctx: Pick<OrgContext, "orgId">, now = new Date()) {
  const from = new Date(now.getTime() - INSIGHTS_WINDOW_DAYS * 86_400_000);
  const [groups, waste, book, marked] = await Promise.all([
    usageProfile(ctx, from, now),
    wasteProfile(ctx, from, now),
    loadPriceBook(ctx.orgId),
    nonInteractiveFeatures(ctx.orgId),
  ]);
  const insights = estimateSavings(
    groups,
    waste,
    (provider, model) => book.resolve(model, provider, now)?.price ?? null,
    new Set(marked),
  );
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    insights: insights.map(({ lowPico, highPico, ...i }) => ({
      ...i,
      monthlySavings: { low: formatPicoUsd(lowPico), high: formatPicoUsd(highPico) },
    })),
  };
}
