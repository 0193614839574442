import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import { spendQuerySchema } from "@/lib/rollups/spend-query";
import { DIMENSIONS, measuresResponseSchema } from "@/lib/usage";
import { timestamp } from "./fields";

/** One row of measures (a total or a point), declared once in lib/usage. */
const measures = measuresResponseSchema;

const dimension = z.enum(DIMENSIONS).describe("An attribution dimension");
const dimensionValues = <S extends z.ZodType>(value: S) =>
  z.object(
    Object.fromEntries(DIMENSIONS.map((d) => [d, value.optional().describe(`Value of ${d}`)])) as Record<
      (typeof DIMENSIONS)[number],
      z.ZodOptional<S>
    >,
  );

export const spendResponseSchema = z.object({
  currency: z.string().describe("Currency of every cost: USD"),
  from: timestamp("Start of the range"),
  to: timestamp("End of the range (exclusive)"),
  granularity: z.enum(["hour", "day", "week", "month"]).describe("Bucket size of the points"),
  groupBy: z.array(dimension).describe("Dimensions the series are grouped by"),
  filters: dimensionValues(z.array(z.string())).describe('Filters applied; "" is unattributed'),
  total: measures.describe("Totals over the whole range and filter"),
  series: z
    .array(
      z.object({
        key: dimensionValues(z.string()).describe("The group's value of each groupBy dimension"),
        total: measures.describe("The group's totals"),
        points: z
          .array(measures.extend({ t: timestamp("Start of the bucket") }))
          .describe("One point per bucket with usage"),
      }),
    )
    .describe("One series per group, most expensive first"),
});

const query = spendQuerySchema;
const description =
  "Spend from the hourly and daily rollups: a series per group and bucket, group totals and the grand total. The range defaults to the last 30 days and is limited to 400 days; filter by any dimension (repeat a parameter for several values, `(none)` selects unattributed).";

export const spendContract = defineContract({
  name: "spend.query",
  method: "GET",
  path: "/api/v1/spend",
  auth: { kind: "apiKey", scope: "read" },
  summary: "Query spend",
  description,
  query,
  responses: { 200: spendResponseSchema },
});

export const dashboardSpendContract = defineContract({
  name: "spend.dashboard",
  method: "GET",
  path: "/api/orgs/{org}/spend",
  auth: { kind: "session", permission: "org:read" },
  summary: "Query spend (dashboard)",
  description,
  query,
  responses: { 200: spendResponseSchema },
});
