import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import {
  anomalyDimensionSchema,
  anomalyKindSchema,
  anomalyStatusSchema,
  feedbackSchema,
} from "@/lib/anomalies/manage-anomalies";
import { id, jsonValue, nullableTimestamp, timestamp } from "./fields";

const money = (what: string) =>
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .describe(`${what} (USD, exact decimal string)`);

const anomalySchema = z.object({
  id: id("Anomaly id"),
  monitor: z
    .object({
      id: id("Monitor id"),
      dimension: z.string().describe("org (the total), team, feature, model, customer or apiKey"),
      value: z.string().nullable().describe("The value watched (an API key id for apiKey); null for the total"),
      label: z.string().describe('"team=search", or "organisation total"'),
    })
    .describe("The series the anomaly was found in"),
  kind: z.string().describe("spike, ramp, level_shift, or drop (spend fell to about zero)"),
  status: z.string().describe("open, acknowledged (feedback given), or resolved (back in its band)"),
  start: timestamp("First anomalous hour"),
  lastHour: timestamp("Last anomalous hour so far"),
  end: nullableTimestamp("End of the episode (the hour after the last anomalous one) once resolved"),
  score: z.number().describe("Largest deviation of an hour, in units of the series' local noise"),
  expected: money("Expected spend over the episode"),
  actual: money("Actual spend over the episode"),
  impact: money("actual - expected (negative for drops)"),
  impactPercent: z.number().nullable().describe("impact / expected in percent; null when expected is 0"),
  feedback: z.string().nullable().describe("real, expected (expected activity) or false_alarm"),
  feedbackAt: nullableTimestamp("When feedback was given"),
  feedbackBy: z.string().nullable().describe("Who gave it"),
  acknowledgedAt: nullableTimestamp("When it was acknowledged"),
  alerted: z.boolean().describe("Whether anomaly.detected went out for it"),
  detectedAt: timestamp("When it was first detected"),
  updatedAt: timestamp("Last change"),
  rootCause: jsonValue(
    "Excess by other dimensions ranked by dollars (contributors, byDimension), the price/volume split (requests, tokensPerRequest, modelMix, cacheReadShare, other) and flags",
  ),
});
const anomalyDetailSchema = anomalySchema.extend({
  series: z
    .array(jsonValue("{t, actual, expected, lower, upper, anomalous}: an hour of the chart (amounts decimal strings)"))
    .describe("Hourly points from a day before the episode to its end"),
});

const listQuery = z.strictObject({
  status: anomalyStatusSchema.optional().describe("Only anomalies in this status"),
  kind: anomalyKindSchema.optional().describe("Only anomalies of this kind"),
  dimension: anomalyDimensionSchema.optional().describe("Only anomalies of monitors of this dimension"),
  value: z.string().max(500).optional().describe("With dimension: only this value"),
  page: z.coerce.number().int().min(1).max(10_000).default(1).describe("Page number (50 a page)"),
});
const listResponse = z.object({
  page: z.number().int().describe("Page number"),
  hasMore: z.boolean().describe("Whether another page follows"),
  items: z.array(anomalySchema).describe("Anomalies: open first, then acknowledged, then resolved, newest first"),
});
const feedbackBody = z.strictObject({
  feedback: feedbackSchema.describe(
    "real; expected (expected activity: no more alerts for this episode); false_alarm (raises this monitor's thresholds by 25%, at most 2x)",
  ),
});
const notFound = { not_found: "No such anomaly in this organisation" };

const list = {
  method: "GET",
  summary: "List spend anomalies",
  description:
    "Anomalies found by the detector in the hourly spend of the organisation total and its top teams, features, models, customers and API keys.",
  query: listQuery,
  responses: { 200: listResponse },
} as const;
const feedback = {
  method: "POST",
  summary: "Give feedback on an anomaly",
  description:
    "Records real / expected / false_alarm and acknowledges an open anomaly. false_alarm makes that monitor less sensitive (thresholds x1.25 per false alarm net of confirmed ones, at most 2x); expected silences the rest of the episode.",
  body: feedbackBody,
  responses: { 200: z.object({ anomaly: anomalyDetailSchema.describe("The anomaly") }) },
  errors: notFound,
} as const;

export const listAnomaliesContract = defineContract({
  name: "anomalies.list",
  path: "/api/v1/anomalies",
  auth: { kind: "apiKey", scope: "read" },
  ...list,
});
export const anomalyFeedbackContract = defineContract({
  name: "anomalies.feedback",
  path: "/api/v1/anomalies/{anomalyId}/feedback",
  auth: { kind: "apiKey", scope: "admin" },
  ...feedback,
});
export const orgListAnomaliesContract = defineContract({
  name: "orgAnomalies.list",
  path: "/api/orgs/{org}/anomalies",
  auth: { kind: "session", permission: "org:read" },
  ...list,
});
export const orgGetAnomalyContract = defineContract({
  name: "orgAnomalies.get",
  path: "/api/orgs/{org}/anomalies/{anomalyId}",
  auth: { kind: "session", permission: "org:read" },
  method: "GET",
  summary: "Get an anomaly",
  description: "One anomaly with its hourly chart points and root cause.",
  responses: { 200: z.object({ anomaly: anomalyDetailSchema.describe("The anomaly") }) },
  errors: notFound,
});
export const orgAnomalyFeedbackContract = defineContract({
  name: "orgAnomalies.feedback",
  path: "/api/orgs/{org}/anomalies/{anomalyId}/feedback",
  auth: { kind: "session", permission: "budgets:manage" },
  ...feedback,
});

export const ANOMALY_CONTRACTS = [
  listAnomaliesContract,
  anomalyFeedbackContract,
  orgListAnomaliesContract,
  orgGetAnomalyContract,
  orgAnomalyFeedbackContract,
] as const;
