import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import { capFailModeSchema } from "@/lib/budgets/set-cap-fail-mode";
import { overrideCapSchema } from "@/lib/budgets/override-cap";
import { previewBudgetBody } from "./budget-schemas";

/**
 * Hard caps beyond the limits API: the scopes capped now, manual overrides, the dry run of a cap
 * definition, and the fail mode. Reads need org:read, overrides budgets:manage (FINANCE and
 * above), the fail mode org:settings; services use an admin key (the dry run: read or admin).
 */
const money = (what: string) => z.string().describe(`${what}, an exact decimal string`);
const read = { kind: "session", permission: "org:read" } as const;
const manage = { kind: "session", permission: "budgets:manage" } as const;
const notFound = { not_found: "No such budget in this organisation" };

const cappedScope = z
  .object({
    budgetId: z.string().describe("Budget id"),
    budgetName: z.string().describe("Budget name"),
    scope: z.record(z.string(), z.string()).describe("The budget's scope"),
    scopeValue: z.string().nullable().describe('The capped value of a "*" budget; null for a plain scope'),
    since: z.string().describe("When the rollups reached the cap (ISO 8601)"),
    resetsAt: z.string().describe("When the period ends and the cap resets (ISO 8601)"),
    spent: money("Spend this period"),
    cap: money("The cap: amount plus overrides"),
    override: money("Overrides this period"),
    refusals: z.number().int().describe("Reservations refused this period"),
    refused: money("Their total estimated cost"),
  })
  .meta({ id: "CappedScope" });

const override = z
  .object({
    id: z.string().describe("Override id"),
    scopeValue: z.string().nullable().describe('The value of a "*" budget raised; null for a plain scope'),
    amount: money("How much more the scope may spend this period"),
    reason: z.string().describe("Why"),
    periodStart: z.string().describe("The period it applies to: start (ISO 8601)"),
    periodEnd: z.string().describe("End of that period (ISO 8601)"),
    createdBy: z.string().nullable().describe("Who made it (email, or api key name)"),
    createdAt: z.string().describe("When (ISO 8601)"),
  })
  .meta({ id: "CapOverride" });

const period = (what: string) =>
  z
    .object({
      start: z.string().describe("Start (ISO 8601)"),
      end: z.string().describe("End, exclusive (ISO 8601)"),
    })
    .describe(what);
const value = z.string().nullable().describe('The value of the "*" dimension; null for a plain scope');
const dryRunResult = z.object({
  period: period("The current period"),
  amount: money("The cap"),
  wouldCapNow: z
    .array(z.object({ scopeValue: value, spent: money("Spend this period") }))
    .describe("Scopes whose spend this period already reached the cap (50 at most, largest first)"),
  wouldCapNowCount: z.number().int().describe("How many scopes it would cap now"),
  lastPeriod: z
    .object({
      period: period("Last period"),
      refused: money("Spend last period past the cap: what the cap would have refused"),
      cappedCount: z.number().int().describe("Scopes that would have been capped"),
      capped: z
        .array(
          z.object({
            scopeValue: value,
            cappedAt: z.string().describe("End of the hour the cap was reached (ISO 8601)"),
            spent: money("Spend of the period"),
            refused: money("Spend after the cap was reached"),
          }),
        )
        .describe("Per scope, largest refusal first (50 at most)"),
    })
    .describe("Last period with this cap in force"),
});

const dryRun = {
  method: "POST",
  summary: "Dry-run a hard cap",
  description:
    'For a budget definition (nothing is saved): the scopes it would cap now, and how much of last period\'s spend it would have refused. Example: `{"scope":{"customer":"*"},"period":"month","amount":"50.00"}`.',
  body: previewBudgetBody,
  responses: { 200: dryRunResult },
} as const;
const overrideOp = {
  method: "POST",
  summary: "Override a hard cap",
  description:
    'Allow a scope another amount until the period ends (audited; shows on the budget). For a "*" budget name the value: `{"amount":"100.00","scopeValue":"acme","reason":"launch week"}`. A capped scope under the raised cap is released (`budget.released`).',
  body: overrideCapSchema,
  responses: { 201: z.object({ override: override.describe("The override made") }) },
  errors: { ...notFound, conflict: "The budget has no hard cap" },
} as const;

export const dryRunCapContract = defineContract({
  name: "budgets.dryRun",
  path: "/api/v1/budgets/dry-run",
  auth: { kind: "apiKey", scope: "read", orScope: "admin" },
  ...dryRun,
});
export const orgDryRunCapContract = defineContract({
  name: "orgBudgets.dryRun",
  path: "/api/orgs/{org}/budgets/dry-run",
  auth: read,
  ...dryRun,
});
export const overrideCapContract = defineContract({
  name: "budgets.override",
  path: "/api/v1/budgets/{budgetId}/overrides",
  auth: { kind: "apiKey", scope: "admin" },
  ...overrideOp,
});
export const orgOverrideCapContract = defineContract({
  name: "orgBudgets.override",
  path: "/api/orgs/{org}/budgets/{budgetId}/overrides",
  auth: manage,
  ...overrideOp,
});
export const orgListOverridesContract = defineContract({
  name: "orgBudgets.overrides",
  path: "/api/orgs/{org}/budgets/{budgetId}/overrides",
  auth: read,
  method: "GET",
  summary: "A budget's cap overrides",
  description: "The budget's overrides, newest first (50).",
  responses: { 200: z.object({ overrides: z.array(override).describe("Overrides, newest first") }) },
  errors: notFound,
});
export const orgCappedScopesContract = defineContract({
  name: "caps.list",
  path: "/api/orgs/{org}/caps",
  auth: read,
  method: "GET",
  summary: "Capped scopes",
  description:
    "The scopes hard caps hold now, newest first (100): since when, when they reset, spend against the cap, refusals.",
  query: z.strictObject({ budgetId: z.string().max(100).optional().describe("Only this budget's") }),
  responses: { 200: z.object({ caps: z.array(cappedScope).describe("Capped scopes") }) },
});
export const orgCapFailModeContract = defineContract({
  name: "organizations.setCapFailMode",
  path: "/api/orgs/{org}/limits/fail-mode",
  auth: { kind: "session", permission: "org:settings" },
  method: "PUT",
  summary: "Set the limits fail mode",
  description:
    'What the limits API answers when Postgres is down (Redis holds no figures, so it cannot decide alone): "open" (default: allow, and alert `limits.degraded`) or "closed" (refuse). An overloaded database is a 503 with Retry-After instead. Audited.',
  body: capFailModeSchema,
  responses: { 200: z.object({ failMode: z.enum(["open", "closed"]).describe("The fail mode now in force") }) },
});

export const CAP_CONTRACTS = [
  dryRunCapContract,
  orgDryRunCapContract,
  overrideCapContract,
  orgOverrideCapContract,
  orgListOverridesContract,
  orgCappedScopesContract,
  orgCapFailModeContract,
] as const;
