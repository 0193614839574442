import { z } from "zod";
import { DIMENSIONS, type Dimension } from "@/lib/usage";

const dimension = z.enum(DIMENSIONS);
const filterValue = z.string().max(200);

/** GET /api/v1/spend parameters (also the dashboard's): validated, with sensible defaults. */
export const spendQuerySchema = z
  .strictObject({
    from: z.iso.datetime({ offset: true }).optional().describe("Start of the range; default 30 days before to"),
    to: z.iso.datetime({ offset: true }).optional().describe("End of the range (exclusive); default now"),
    granularity: z.enum(["hour", "day", "week", "month"]).default("day").describe("Bucket size of the points"),
    groupBy: z
      .string()
      .optional()
      .transform((v, ctx) => {
        const dims = v
          ? v
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean)
          : [];
        if (dims.length > 2) ctx.addIssue({ code: "custom", message: "at most two dimensions" });
        for (const d of dims)
          if (!dimension.safeParse(d).success)
            ctx.addIssue({ code: "custom", message: `unknown dimension '${d}' (one of ${DIMENSIONS.join(", ")})` });
        return dims as Dimension[];
      })
      .describe(`Up to two dimensions to group by, comma-separated (${DIMENSIONS.join(", ")})`),
    ...Object.fromEntries(
      DIMENSIONS.map((d) => [
        d,
        z
          .union([filterValue, z.array(filterValue).max(50)])
          .optional()
          .describe(`Only this ${d} (repeat for up to 50 values; (none) selects unattributed)`),
      ]),
    ),
  })
  .transform((q, ctx) => {
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * 86_400_000);
    if (from >= to) ctx.addIssue({ code: "custom", path: ["from"], message: "must be before to" });
    if (to.getTime() - from.getTime() > 400 * 86_400_000)
      ctx.addIssue({ code: "custom", path: ["from"], message: "range is limited to 400 days" });
    const filters: Partial<Record<Dimension, string[]>> = {};
    for (const d of DIMENSIONS) {
      const v = (q as Record<string, unknown>)[d] as string | string[] | undefined;
      if (v !== undefined) filters[d] = (Array.isArray(v) ? v : [v]).map((x) => (x === "(none)" ? "" : x));
    }
    return { from, to, granularity: q.granularity, groupBy: q.groupBy, filters };
  });

export type SpendQuery = z.output<typeof spendQuerySchema>;
