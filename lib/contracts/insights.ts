import { defineContract } from "@/lib/api/define-contract";
import { z } from "zod";
import { insightSettingsBody } from "@/lib/insights/insight-settings";
import { insightsResponseSchema } from "@/lib/insights/list-insights";

const description =
  'What each change would save per month, estimated from the organisation\'s usage of the last 30 days and its price book (catalog and custom prices, before negotiated discounts): prompt caching, batch or flex tiers, a smaller model of the same provider (an estimate, labelled), failed and retried calls (status error, or repeated by the same requestId), and conversations whose prompts grow. Each states its assumption, its range and the evidence. Mark features that can wait in the insight settings (`PUT /api/v1/insight-settings`) or with the event tag `interactive: "false"`.';

export const insightsContract = defineContract({
  name: "insights.list",
  method: "GET",
  path: "/api/v1/insights",
  auth: { kind: "apiKey", scope: "read" },
  summary: "Savings insights",
  description,
  responses: { 200: insightsResponseSchema },
});

export const dashboardInsightsContract = defineContract({
  name: "insights.dashboard",
  method: "GET",
  path: "/api/orgs/{org}/insights",
  auth: { kind: "session", permission: "org:read" },
  summary: "Savings insights (dashboard)",
  description,
  responses: { 200: insightsResponseSchema },
});

const settingsSchema = z.object({
  nonInteractiveFeatures: z
    .array(z.string())
    .describe("Features marked as not interactive (batch, background work that can wait), sorted"),
});
const getSettings = {
  method: "GET",
  summary: "Insight settings",
  description: "The features the organisation marks as not interactive.",
  responses: { 200: settingsSchema },
} as const;
const putSettings = {
  method: "PUT",
  summary: "Change insight settings",
  description:
    "Replaces the list of features marked as not interactive: the batch and flex tier insight considers them whatever their latency or event tags. Names are trimmed and kept once each.",
  body: insightSettingsBody.describe("The whole list"),
  responses: { 200: settingsSchema },
} as const;
export const insightSettingsContract = defineContract({
  name: "insights.settings",
  path: "/api/v1/insight-settings",
  auth: { kind: "apiKey", scope: "admin" },
  ...getSettings,
});
export const updateInsightSettingsContract = defineContract({
  name: "insights.updateSettings",
  path: "/api/v1/insight-settings",
  auth: { kind: "apiKey", scope: "admin" },
  ...putSettings,
});
export const orgInsightSettingsContract = defineContract({
  name: "orgInsights.settings",
  path: "/api/orgs/{org}/insight-settings",
  auth: { kind: "session", permission: "org:read" },
  ...getSettings,
});
export const orgUpdateInsightSettingsContract = defineContract({
  name: "orgInsights.updateSettings",
  path: "/api/orgs/{org}/insight-settings",
  auth: { kind: "session", permission: "budgets:manage" },
  ...putSettings,
});
