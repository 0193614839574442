import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import {
  alertListSchema,
  alertSchema,
  alertsQuery,
  budgetHistorySchema,
  budgetPreviewSchema,
  budgetSchema,
  budgetStatusSchema,
  createBudgetBody,
  pageQuery,
  previewBudgetBody,
  updateBudgetBody,
} from "./budget-schemas";

/**
 * Budgets and alerts: the same operations for services (API key with the admin scope, /api/v1)
 * and for the dashboard (session: reads need org:read, changes budgets:manage).
 */
const apiKey = { kind: "apiKey", scope: "admin" } as const;
const read = { kind: "session", permission: "org:read" } as const;
const manage = { kind: "session", permission: "budgets:manage" } as const;
const notFound = { not_found: "No such budget in this organisation" };

const create = {
  method: "POST",
  summary: "Create a budget",
  description:
    'A budget over a scope (`{}` = the whole organisation; one dimension may be `"*"` to budget every value apart) and a calendar period in the organisation time zone, with thresholds, an optional forecast alert and channels. Amounts are decimal strings. A channel id of another organisation is a 400 naming `channelIds[i]`.',
  body: createBudgetBody,
  responses: { 201: z.object({ budget: budgetSchema.describe("The budget created") }) },
  errors: { conflict: "The organisation has the maximum number of budgets" },
} as const;
const list = {
  method: "GET",
  summary: "List budgets",
  description: "Every budget of the organisation, oldest first.",
  responses: { 200: z.object({ budgets: z.array(budgetSchema).describe("The budgets") }) },
} as const;
const get = {
  method: "GET",
  summary: "Get a budget",
  description: "One budget by id.",
  responses: { 200: z.object({ budget: budgetSchema.describe("The budget") }) },
  errors: notFound,
} as const;
const update = {
  method: "PATCH",
  summary: "Change a budget",
  description:
    "Changes the fields given. A threshold already crossed this period keeps its crossing and does not alert again.",
  body: updateBudgetBody,
  responses: { 200: z.object({ budget: budgetSchema.describe("The budget after the change") }) },
  errors: notFound,
} as const;
const remove = {
  method: "DELETE",
  summary: "Delete a budget",
  description: "Deletes the budget with its history, crossings and alerts.",
  responses: { 200: z.object({ deleted: z.literal(true).describe("Always true") }) },
  errors: notFound,
} as const;
const status = {
  method: "GET",
  summary: "Budget status",
  description:
    'Where the budget stands in its current period: period start and end (when it resets), spent, remaining, forecast, thresholds crossed with their times, and for a `"*"` scope the values by spend, 50 a page.',
  query: pageQuery,
  responses: { 200: budgetStatusSchema },
  errors: notFound,
} as const;
const alerts = {
  method: "GET",
  summary: "List alerts",
  description: "Budget alerts, most recent first (50 a page), optionally in one state.",
  query: alertsQuery,
  responses: { 200: alertListSchema },
} as const;
const acknowledge = {
  method: "POST",
  summary: "Acknowledge an alert",
  description: "Marks an open alert acknowledged (idempotent). A resolved alert is a 409.",
  responses: { 200: z.object({ alert: alertSchema.describe("The alert") }) },
  errors: { not_found: "No such alert in this organisation", conflict: "The alert is resolved" },
} as const;

export const createBudgetContract = defineContract({
  name: "budgets.create",
  path: "/api/v1/budgets",
  auth: apiKey,
  ...create,
});
export const listBudgetsContract = defineContract({
  name: "budgets.list",
  path: "/api/v1/budgets",
  auth: apiKey,
  ...list,
});
export const getBudgetContract = defineContract({
  name: "budgets.get",
  path: "/api/v1/budgets/{budgetId}",
  auth: apiKey,
  ...get,
});
export const updateBudgetContract = defineContract({
  name: "budgets.update",
  path: "/api/v1/budgets/{budgetId}",
  auth: apiKey,
  ...update,
});
export const deleteBudgetContract = defineContract({
  name: "budgets.delete",
  path: "/api/v1/budgets/{budgetId}",
  auth: apiKey,
  ...remove,
});
export const budgetStatusContract = defineContract({
  name: "budgets.status",
  path: "/api/v1/budgets/{budgetId}/status",
  auth: apiKey,
  ...status,
});
export const listAlertsContract = defineContract({
  name: "alerts.list",
  path: "/api/v1/alerts",
  auth: apiKey,
  ...alerts,
});
export const acknowledgeAlertContract = defineContract({
  name: "alerts.acknowledge",
  path: "/api/v1/alerts/{alertId}/acknowledge",
  auth: apiKey,
  ...acknowledge,
});

export const orgCreateBudgetContract = defineContract({
  name: "orgBudgets.create",
  path: "/api/orgs/{org}/budgets",
  auth: manage,
  ...create,
});
export const orgListBudgetsContract = defineContract({
  name: "orgBudgets.list",
  path: "/api/orgs/{org}/budgets",
  auth: read,
  ...list,
});
export const orgGetBudgetContract = defineContract({
  name: "orgBudgets.get",
  path: "/api/orgs/{org}/budgets/{budgetId}",
  auth: read,
  ...get,
});
export const orgUpdateBudgetContract = defineContract({
  name: "orgBudgets.update",
  path: "/api/orgs/{org}/budgets/{budgetId}",
  auth: manage,
  ...update,
});
export const orgDeleteBudgetContract = defineContract({
  name: "orgBudgets.delete",
  path: "/api/orgs/{org}/budgets/{budgetId}",
  auth: manage,
  ...remove,
});
export const orgBudgetStatusContract = defineContract({
  name: "orgBudgets.status",
  path: "/api/orgs/{org}/budgets/{budgetId}/status",
  auth: read,
  ...status,
});
export const orgBudgetHistoryContract = defineContract({
  name: "orgBudgets.history",
  path: "/api/orgs/{org}/budgets/{budgetId}/history",
  auth: read,
  method: "GET",
  summary: "Budget history",
  description: "Past and current periods with spend, newest first (20 a page), with the thresholds crossed.",
  query: pageQuery,
  responses: { 200: budgetHistorySchema },
  errors: notFound,
});
export const orgPreviewBudgetContract = defineContract({
  name: "orgBudgets.preview",
  path: "/api/orgs/{org}/budgets/preview",
  auth: read,
  method: "POST",
  summary: "Preview a budget",
  description:
    "For a budget being written (nothing is saved): the current period's spend in that scope and the alerts it would have sent last period.",
  body: previewBudgetBody,
  responses: { 200: budgetPreviewSchema },
});
export const orgListAlertsContract = defineContract({
  name: "orgAlerts.list",
  path: "/api/orgs/{org}/alerts",
  auth: read,
  ...alerts,
});
export const orgAcknowledgeAlertContract = defineContract({
  name: "orgAlerts.acknowledge",
  path: "/api/orgs/{org}/alerts/{alertId}/acknowledge",
  auth: manage,
  ...acknowledge,
});
export const orgTimeZoneContract = defineContract({
  name: "organizations.setTimeZone",
  path: "/api/orgs/{org}/time-zone",
  auth: { kind: "session", permission: "org:settings" },
  method: "PUT",
  summary: "Set the organisation time zone",
  description: "The IANA time zone (e.g. Europe/Berlin) calendar budget periods follow; audited.",
  body: z.strictObject({ timeZone: z.string().max(100).describe("An IANA time zone such as Europe/Berlin") }),
  responses: { 200: z.object({ timeZone: z.string().describe("The time zone now in force") }) },
});

export const BUDGET_CONTRACTS = [
  createBudgetContract,
  listBudgetsContract,
  getBudgetContract,
  updateBudgetContract,
  deleteBudgetContract,
  budgetStatusContract,
  listAlertsContract,
  acknowledgeAlertContract,
  orgCreateBudgetContract,
  orgListBudgetsContract,
  orgGetBudgetContract,
  orgUpdateBudgetContract,
  orgDeleteBudgetContract,
  orgBudgetStatusContract,
  orgBudgetHistoryContract,
  orgPreviewBudgetContract,
  orgListAlertsContract,
  orgAcknowledgeAlertContract,
  orgTimeZoneContract,
] as const;
