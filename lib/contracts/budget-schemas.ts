import { z } from "zod";
import { alertStateSchema, createBudgetSchema, updateBudgetSchema } from "@/lib/budgets";
import { id, nullableTimestamp, timestamp } from "./fields";

/** Budget request and response schemas, every field described; the domain schemas validate (pipe). */
const money = (what: string) => z.string().describe(`${what}, an exact decimal string in the organisation currency`);
const dims = {
  team: "Team",
  feature: "Feature",
  model: "Model",
  provider: "Provider",
  customer: "Customer",
  environment: "Environment",
  endUser: "End user",
  apiKey: "API key (its id)",
} as const;
const scopeShape = Object.fromEntries(
  Object.entries(dims).map(([d, label]) => [
    d,
    z.string().optional().describe(`${label} the budget covers; "*" gives every ${label.toLowerCase()} its own budget`),
  ]),
) as Record<keyof typeof dims, z.ZodOptional<z.ZodString>>;

export const scopeSchema = z
  .object({
    ...scopeShape,
  })
  .describe('What spend counts: {} is the whole organisation; at most one dimension may be "*"');
const scopeOut = z.object(scopeShape).describe('What spend counts: {} is the whole organisation; "*" is per value');

const thresholdIn = z
  .object({
    percent: z.number().optional().describe("Percent of the amount (0-1000, at most 4 decimals)"),
    amount: z.string().optional().describe("An absolute amount, a decimal string"),
  })
  .describe("A threshold: either percent or amount");
const thresholdOut = z
  .object({
    percent: z.number().optional().describe("Percent of the amount"),
    amount: z.string().optional().describe("An absolute amount, a decimal string"),
  })
  .describe("A threshold: either percent or amount");

const period = z.enum(["day", "week", "month", "quarter", "custom"]);
const fields = {
  name: z.string().describe("Name of the budget"),
  scope: scopeSchema,
  period: period.describe("Calendar period in the organisation time zone; week starts Monday"),
  startDay: z.number().int().nullish().describe("Day of the month (1-28) a custom period starts; only with custom"),
  amount: z.string().describe('Amount per period, a decimal string such as "500.00"'),
  thresholds: z.array(thresholdIn).describe("Alert thresholds (default 80% and 100%)"),
  forecastAlert: z.boolean().describe("Alert once per period when the forecast exceeds the amount"),
  hardCap: z.boolean().describe("Block spend beyond the amount (enforced by the limits API)"),
  ownerUserId: z.string().nullish().describe("User id of the member who owns the budget"),
  channelIds: z.array(z.string()).describe("Notification channels of this organisation that receive its alerts"),
};

export const createBudgetBody = z
  .object({
    ...fields,
    scope: fields.scope.optional(),
    startDay: fields.startDay,
    thresholds: fields.thresholds.optional(),
    forecastAlert: fields.forecastAlert.optional(),
    hardCap: fields.hardCap.optional(),
    channelIds: fields.channelIds.optional(),
  })
  .passthrough()
  .describe("A new budget")
  .pipe(createBudgetSchema);

export const updateBudgetBody = z
  .object(fields)
  .partial()
  .passthrough()
  .describe("The fields to change")
  .pipe(updateBudgetSchema);

/** The create form's body minus the name: what the preview evaluates. */
export const previewBudgetBody = z
  .object({ ...fields, name: fields.name.optional() })
  .partial()
  .passthrough()
  .describe("A budget that is not saved");

export const budgetSchema = z.object({
  id: id("Budget id"),
  name: z.string().describe("Name of the budget"),
  scope: scopeOut,
  period: period.describe("Calendar period"),
  startDay: z.number().int().nullable().describe("Start day of a custom period"),
  amount: money("Amount per period"),
  thresholds: z.array(thresholdOut).describe("Alert thresholds"),
  forecastAlert: z.boolean().describe("Whether a forecast alert is sent"),
  hardCap: z.boolean().describe("Whether spend beyond the amount is blocked"),
  ownerUserId: z.string().nullable().describe("User id of the owner"),
  channelIds: z.array(z.string()).describe("Channels that receive its alerts"),
  createdAt: timestamp("When it was created"),
  updatedAt: timestamp("When it was last changed"),
});

const periodRange = z
  .object({ start: timestamp("Start of the period"), end: timestamp("End of the period (exclusive)") })
  .describe("The period");

const crossing = z.object({
  scopeValue: z.string().describe('Value of the "*" dimension; "" for a budget without "*"'),
  threshold: z.string().describe('The threshold ("percent:80", "amount:250.00" or "forecast")'),
  amount: money("Spend at which it is crossed"),
  spentAtCrossing: money("Spend when it was recorded"),
  crossedAt: timestamp("When it was crossed"),
  notified: z.boolean().describe("Whether an alert was sent (false for a period already over)"),
});

export const budgetStatusSchema = z.object({
  budgetId: id("Budget id"),
  period: periodRange,
  resetsAt: timestamp("When the period ends and the budget resets"),
  timeZone: z.string().describe("Time zone of the period (the organisation setting)"),
  amount: money("Amount per period"),
  spent: money('Spent so far this period (all values of a "*" scope)'),
  remaining: money("Amount minus spent, at least 0").nullable().describe('Null for a "*" scope'),
  percentUsed: z.string().nullable().describe('Spent in percent of the amount, one decimal; null for "*"'),
  forecast: z
    .object({
      projected: money("Projected spend at the end of the period"),
      exceedsAt: nullableTimestamp("When the projection reaches the amount; null if it does not"),
    })
    .nullable()
    .describe('Period so far plus the usual hour-of-week profile of the last four weeks; null for "*"'),
  thresholdsCrossed: z.array(crossing).describe("Thresholds crossed this period, in order"),
  values: z
    .object({
      dimension: z.string().describe('The "*" dimension'),
      page: z.number().int().describe("Page number"),
      pageSize: z.number().int().describe("Values per page"),
      total: z.number().int().describe("Values with spend this period"),
      items: z
        .array(
          z.object({
            value: z.string().describe("The value"),
            spent: money("Its spend this period"),
            remaining: money("Its amount left"),
            percentUsed: z.string().describe("Its spend in percent of the amount"),
            thresholdsCrossed: z.array(crossing).describe("Its thresholds crossed"),
          }),
        )
        .describe("Values by spend, highest first"),
    })
    .nullable()
    .describe('For a "*" scope: each value and its spend; null otherwise'),
});

export const budgetHistorySchema = z.object({
  page: z.number().int().describe("Page number"),
  pageSize: z.number().int().describe("Periods per page"),
  hasMore: z.boolean().describe("Whether older periods follow"),
  items: z
    .array(
      z.object({
        period: periodRange,
        spent: money("Spend in the period"),
        percentUsed: z.string().nullable().describe('Spend in percent of the amount; null for "*"'),
        values: z.number().int().describe("Values with spend"),
        thresholdsCrossed: z
          .array(
            z.object({
              scopeValue: z.string().nullable().describe('Value of the "*" dimension'),
              threshold: z.string().describe("The threshold"),
              amount: money("Spend at which it is crossed"),
              crossedAt: timestamp("When it was crossed"),
              notified: z.boolean().describe("Whether an alert was sent"),
            }),
          )
          .describe("Thresholds crossed in the period"),
      }),
    )
    .describe("Periods with spend, newest first"),
});

export const budgetPreviewSchema = z.object({
  period: periodRange,
  spent: money("Spend so far in the current period"),
  topValues: z
    .array(z.object({ value: z.string().describe("The value"), spent: money("Its spend") }))
    .nullable()
    .describe('Top ten values of a "*" scope'),
  lastPeriod: z
    .object({
      period: periodRange,
      wouldHaveAlerted: z
        .array(
          z.object({
            scopeValue: z.string().nullable().describe('Value of the "*" dimension'),
            threshold: z.string().describe("The threshold"),
            amount: money("Its amount"),
            at: timestamp("End of the hour in which it was reached"),
          }),
        )
        .describe("The first 100 alerts it would have sent"),
      alertCount: z.number().int().describe("How many alerts it would have sent"),
    })
    .describe("The previous period"),
});

export const alertSchema = z.object({
  id: id("Alert id"),
  budget: z.object({ id: id("Budget id"), name: z.string().describe("Budget name") }).describe("Its budget"),
  period: periodRange,
  scopeValue: z.string().nullable().describe('Value of the "*" dimension; null otherwise'),
  kind: z.string().describe("threshold (a threshold crossed) or forecast (the forecast exceeds the amount)"),
  state: z.string().describe("open, acknowledged, or resolved (its period is over)"),
  threshold: z.string().describe("Highest threshold crossed"),
  thresholdAmount: money("Its amount"),
  spent: money("Spend when it was raised"),
  projectedAt: nullableTimestamp("For a forecast: when the amount is projected to be reached"),
  openedAt: timestamp("When it opened"),
  escalatedAt: nullableTimestamp("When a higher threshold escalated it"),
  acknowledgedAt: nullableTimestamp("When it was acknowledged"),
  acknowledgedBy: z.string().nullable().describe("Who acknowledged it"),
  resolvedAt: nullableTimestamp("When it was resolved"),
});

export const pageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1).describe("Page number"),
});
export const alertsQuery = z.strictObject({
  state: alertStateSchema.optional().describe("Only alerts in this state"),
  page: z.coerce.number().int().min(1).max(10_000).default(1).describe("Page number (50 a page)"),
});
export const alertListSchema = z.object({
  page: z.number().int().describe("Page number"),
  hasMore: z.boolean().describe("Whether another page follows"),
  items: z.array(alertSchema).describe("Alerts, most recent first"),
});
