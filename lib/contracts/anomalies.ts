import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import {
  anomalyDimensionSchema,
  anomalyKindSchema,
  anomalyStatusSchema,
  feedbackSchema,
} from "@/lib/anomalies/manage-anomalies";
import { anomalySettingsBody } from "@/lib/anomalies/manage-settings";
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

const settingsSchema = z.object({
  minImpact: money("Smallest hourly excess the detector flags"),
  alertMinImpact: money("An anomaly alerts when |impact| reaches this"),
  alertMinPercent: z.number().int().describe("... and this percent of expected"),
  drops: z.boolean().describe("Whether drops to zero are reported"),
  channelIds: z.array(z.string()).nullable().describe("Channels notified; null = every channel of the organisation"),
});
const sb = anomalySettingsBody.shape;
const settingsBody = z
  .strictObject({
    minImpact: sb.minImpact.describe("Smallest hourly excess the detector flags (USD decimal string; default 1)"),
    alertMinImpact: sb.alertMinImpact.describe("Alert when |impact| reaches this (USD decimal string; default 10)"),
    alertMinPercent: sb.alertMinPercent.describe("... and this percent of expected (default 20)"),
    drops: sb.drops.describe("Report drops to zero (default true)"),
    channelIds: sb.channelIds.describe("Channels to notify; null = every channel of the organisation"),
  })
  .describe("Fields to change");
const getSettings = {
  method: "GET",
  summary: "Anomaly settings",
  description: "The detector's minimum impact, the alert rule, drops on/off and the channels notified.",
  responses: { 200: settingsSchema },
} as const;
const putSettings = {
  method: "PUT",
  summary: "Change anomaly settings",
  description:
    "Changes the fields given. Defaults: minImpact $1 (per hour), alerts from $10 and 20% of expected, drops reported, every channel.",
  body: settingsBody,
  responses: { 200: settingsSchema },
} as const;
export const anomalySettingsContract = defineContract({
  name: "anomalies.settings",
  path: "/api/v1/anomaly-settings",
  auth: { kind: "apiKey", scope: "admin" },
  ...getSettings,
});
export const updateAnomalySettingsContract = defineContract({
  name: "anomalies.updateSettings",
  path: "/api/v1/anomaly-settings",
  auth: { kind: "apiKey", scope: "admin" },
  ...putSettings,
});
export const orgAnomalySettingsContract = defineContract({
  name: "orgAnomalies.settings",
  path: "/api/orgs/{org}/anomaly-settings",
  auth: { kind: "session", permission: "org:read" },
  ...getSettings,
});
export const orgUpdateAnomalySettingsContract = defineContract({
  name: "orgAnomalies.updateSettings",
  path: "/api/orgs/{org}/anomaly-settings",
  auth: { kind: "session", permission: "budgets:manage" },
  ...putSettings,
});

export const ANOMALY_CONTRACTS = [
  anomalySettingsContract,
  updateAnomalySettingsContract,
  orgAnomalySettingsContract,
  orgUpdateAnomalySettingsContract,
  listAnomaliesContract,
  anomalyFeedbackContract,
  orgListAnomaliesContract,
  orgGetAnomalyContract,
  orgAnomalyFeedbackContract,
] as const;
