import { z } from "zod";
import { parseScaled } from "@/lib/money";

/** How shared costs are split among parties. */
export const ALLOCATION_METHODS = ["even", "proportional", "fixed", "requests", "tokens"] as const;
export type AllocationMethod = (typeof ALLOCATION_METHODS)[number];

const percent = z
  .string()
  // abort: the refinement below parses the value, which throws (a 500) on anything the pattern refuses.
  .regex(/^\d{1,3}(\.\d{1,6})?$/, { message: 'a percentage with at most 6 decimals, e.g. "12.5"', abort: true })
  .refine((v) => parseScaled(v, 6) <= 100_000_000n, "at most 100");
const partyKey = z.string().min(1).max(200);

/**
 * The allocation rule: evenly, in proportion to direct spend, by fixed percentages (which must
 * add up to exactly 100), or in proportion to requests or tokens.
 */
export const allocationRuleSchema = z
  .strictObject({
    method: z.enum(ALLOCATION_METHODS).describe("even | proportional (to direct spend) | fixed | requests | tokens"),
    percents: z.record(partyKey, percent).optional().describe("For method fixed: percent per party, adding up to 100"),
  })
  .superRefine((r, ctx) => {
    if (r.method !== "fixed") return;
    const entries = Object.entries(r.percents ?? {});
    if (entries.length === 0) {
      ctx.addIssue({ code: "custom", path: ["percents"], message: "required for method fixed" });
      return;
    }
    const sum = entries.reduce((s, [, v]) => s + parseScaled(v, 6), 0n);
    if (sum !== 100_000_000n)
      ctx.addIssue({ code: "custom", path: ["percents"], message: "must add up to exactly 100" });
  });
export type AllocationRule = z.output<typeof allocationRuleSchema>;

/** Markup per party, in percent ("10" adds 10% to direct + allocated). */
export const markupsSchema = z.record(partyKey, percent).describe("Markup percent per party");
export type Markups = z.output<typeof markupsSchema>;
