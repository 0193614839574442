import { defineContract } from "@/lib/api/define-contract";
import { insightsResponseSchema } from "@/lib/insights/list-insights";

const description =
  'What each change would save per month, estimated from the organisation\'s usage of the last 30 days and its price book (catalog and custom prices, before negotiated discounts): prompt caching, batch or flex tiers, a smaller model of the same provider (an estimate, labelled), failed and retried calls (status error, or repeated by the same requestId), and conversations whose prompts grow. Each states its assumption, its range and the evidence. Mark features that can wait with the event tag `interactive: "false"`.';

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
