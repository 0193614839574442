import { z } from "zod";
import { pgPool } from "@/lib/db/pg-pool";
import { recordAudit } from "@/lib/audit/record-audit";
import type { OrgContext } from "@/lib/tenancy/context";
import { type AllocationRule, allocationRuleSchema, type Markups, markupsSchema } from "./allocation-rule";
import { type PriceLists, priceListsSchema } from "./price-list";

export const PARTY_DIMENSIONS = ["team", "customer"] as const;
export type PartyDimension = (typeof PARTY_DIMENSIONS)[number];

export type ChargebackSettingsView = {
  partyDimension: PartyDimension;
  graceDays: number;
  rule: AllocationRule;
  markups: Markups;
  priceLists: PriceLists;
  timeZone: string;
  currency: string;
  stripe: { connected: boolean; keyHint: string | null; connectedAt: Date | null };
};

export const chargebackSettingsBody = z.strictObject({
  partyDimension: z.enum(PARTY_DIMENSIONS).optional().describe("Charge back to teams or to customers"),
  graceDays: z
    .number()
    .int()
    .min(0)
    .max(31)
    .optional()
    .describe("Days after a month ends before it closes (default 3)"),
  rule: allocationRuleSchema.optional(),
  markups: markupsSchema.optional(),
  priceLists: priceListsSchema.optional(),
});
export type ChargebackSettingsInput = z.output<typeof chargebackSettingsBody>;

type Row = {
  partyDimension: string | null;
  graceDays: number | null;
  rule: unknown;
  markups: unknown;
  priceLists: unknown;
  timeZone: string;
  currency: string;
  stripeKeyHint: string | null;
  stripeConnectedAt: Date | null;
};

/** The organisation's chargeback settings (defaults when it never saved any). */
export async function getChargebackSettings(orgId: string): Promise<ChargebackSettingsView> {
  const { rows } = await pgPool().query<Row>(
    `SELECT s."partyDimension", s."graceDays", s.rule, s.markups, s."priceLists", o."timeZone", o.currency, s."stripeKeyHint", s."stripeConnectedAt"
       FROM organizations o LEFT JOIN chargeback_settings s ON s."orgId" = o.id WHERE o.id = $1`,
    [orgId],
  );
  const r = rows[0];
  if (!r) throw new Error(`organisation ${orgId} not found`);
  return {
    partyDimension: (r.partyDimension ?? "team") as PartyDimension,
    graceDays: r.graceDays ?? 3,
    rule: allocationRuleSchema.safeParse(r.rule).data ?? { method: "proportional" },
    markups: markupsSchema.safeParse(r.markups).data ?? {},
    priceLists: priceListsSchema.safeParse(r.priceLists).data ?? {},
    timeZone: r.timeZone,
    currency: r.currency,
    stripe: { connected: !!r.stripeConnectedAt, keyHint: r.stripeKeyHint, connectedAt: r.stripeConnectedAt },
  };
}

/** Changes the fields given (audited); applies to periods not yet closed. */
export async function saveChargebackSettings(ctx: OrgContext, input: ChargebackSettingsInput) {
  const current = await getChargebackSettings(ctx.orgId);
  const next = {
    partyDimension: input.partyDimension ?? current.partyDimension,
    graceDays: input.graceDays ?? current.graceDays,
    rule: input.rule ?? current.rule,
    markups: input.markups ?? current.markups,
    priceLists: input.priceLists ?? current.priceLists,
  };
  await pgPool().query(
    `INSERT INTO chargeback_settings ("orgId", "partyDimension", "graceDays", rule, markups, "priceLists", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT ("orgId") DO UPDATE SET "partyDimension" = $2, "graceDays" = $3, rule = $4, markups = $5, "priceLists" = $6, "updatedAt" = now()`,
    [
      ctx.orgId,
      next.partyDimension,
      next.graceDays,
      JSON.stringify(next.rule),
      JSON.stringify(next.markups),
      JSON.stringify(next.priceLists),
    ],
  );
  await recordAudit(ctx, {
    action: "chargeback.settings_changed",
    targetType: "chargeback_settings",
    targetId: ctx.orgId,
    metadata: { ...next },
  });
  return getChargebackSettings(ctx.orgId);
}
