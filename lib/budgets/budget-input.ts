import { z } from "zod";
import { divRoundHalfEven, formatPicoUsd, parseScaled } from "@/lib/money";
import { isTimeZone } from "./budget-period";

/**
 * The dimensions a budget can be scoped by. Those the spend rollups carry are read from them;
 * a scope with endUser or apiKey (an API key id) is read from scoped spend (lib/rollups/scoped-spend-sql).
 */
export const SCOPE_DIMENSIONS = [
  "team",
  "feature",
  "model",
  "provider",
  "customer",
  "environment",
  "endUser",
  "apiKey",
] as const;
export type ScopeDimension = (typeof SCOPE_DIMENSIONS)[number];
export type BudgetScope = Partial<Record<ScopeDimension, string>>;

const AMOUNT = /^\d{1,15}(\.\d{1,12})?$/;
const PERCENT = /^\d{1,4}(\.\d{1,4})?$/;
const amount = z.string().regex(AMOUNT, 'a decimal amount like "500.00" (at most 12 decimals)');
export const positiveAmount = amount.refine((v) => /[1-9]/.test(v), "must be greater than zero");
const scopeValue = z.string().min(1).max(200);

export const budgetScopeSchema = z
  .object({
    team: scopeValue.optional(),
    feature: scopeValue.optional(),
    model: scopeValue.optional(),
    provider: scopeValue.optional(),
    customer: scopeValue.optional(),
    environment: scopeValue.optional(),
    endUser: scopeValue.optional(),
    apiKey: scopeValue.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const stars = SCOPE_DIMENSIONS.filter((d) => s[d] === "*");
    if (stars.length > 1)
      ctx.addIssue({ code: "custom", path: [stars[1]!], message: 'at most one dimension can be "*"' });
  })
  .transform(
    (s) => Object.fromEntries(SCOPE_DIMENSIONS.filter((d) => s[d] !== undefined).map((d) => [d, s[d]])) as BudgetScope,
  );

export const thresholdSchema = z.union([
  z.strictObject({
    percent: z
      .number()
      .positive()
      .max(1000)
      .refine((p) => PERCENT.test(String(p)), "at most 4 decimals"),
  }),
  z.strictObject({ amount: positiveAmount }),
]);
export type Threshold = z.infer<typeof thresholdSchema>;

export const periodSchema = z.enum(["day", "week", "month", "quarter", "custom"]);

const fields = {
  name: z.string().trim().min(1).max(200),
  scope: budgetScopeSchema,
  period: periodSchema,
  /** Day of the month a custom period starts (1-28); only with period "custom". */
  startDay: z.number().int().min(1).max(28).nullish(),
  amount: positiveAmount,
  thresholds: z.array(thresholdSchema).max(20),
  forecastAlert: z.boolean(),
  hardCap: z.boolean(),
  ownerUserId: z.string().min(1).max(100).nullish(),
  channelIds: z.array(z.string().min(1).max(100)).max(20),
};

const customNeedsStartDay = (b: { period?: string; startDay?: number | null }, ctx: z.RefinementCtx) => {
  if (b.period === "custom" && !b.startDay)
    ctx.addIssue({ code: "custom", path: ["startDay"], message: "required for a custom period (1-28)" });
  if (b.period && b.period !== "custom" && b.startDay)
    ctx.addIssue({ code: "custom", path: ["startDay"], message: "only for a custom period" });
};

export const createBudgetSchema = z
  .strictObject({
    ...fields,
    scope: budgetScopeSchema.default({}),
    thresholds: fields.thresholds.default([{ percent: 80 }, { percent: 100 }]),
    forecastAlert: fields.forecastAlert.default(false),
    hardCap: fields.hardCap.default(false),
    channelIds: fields.channelIds.default([]),
  })
  .superRefine(customNeedsStartDay);
export type CreateBudgetInput = z.input<typeof createBudgetSchema>;

export const updateBudgetSchema = z.strictObject(fields).partial().superRefine(customNeedsStartDay);
export type UpdateBudgetInput = z.input<typeof updateBudgetSchema>;

export const timeZoneSchema = z.string().refine(isTimeZone, 'not an IANA time zone (e.g. "Europe/Berlin")');

/** A decimal amount of the organisation's currency in pico units (exact). */
export const toPico = (value: string): bigint => parseScaled(value, 12);

/** The threshold's stable key ("percent:80", "amount:250.5") and its amount in pico units. */
export function thresholdAmount(t: Threshold, amountPico: bigint): { key: string; pico: bigint } {
  if ("percent" in t) {
    const p = parseScaled(String(t.percent), 4);
    return { key: `percent:${t.percent}`, pico: divRoundHalfEven(amountPico * p, 100n * 10_000n) };
  }
  const pico = toPico(t.amount);
  return { key: `amount:${formatPicoUsd(pico)}`, pico };
}

/** The budget's thresholds, lowest first. */
export function thresholdLevels(thresholds: Threshold[], amountPico: bigint) {
  return thresholds
    .map((t) => ({ ...thresholdAmount(t, amountPico), threshold: t }))
    .sort((a, b) => (a.pico < b.pico ? -1 : a.pico > b.pico ? 1 : 0));
}
