import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import { connectStripeBody, mapCustomerBody } from "@/lib/billing";
import {
  allocationRuleSchema,
  chargebackSettingsBody,
  fixedCostBody,
  markupsSchema,
  PARTY_DIMENSIONS,
  periodSchema,
  priceListsSchema,
} from "@/lib/chargeback";
import { focusExportQuery } from "@/lib/exports";
import { nullableTimestamp, timestamp } from "./fields";

const usd = (what: string) =>
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .describe(`${what}, USD as an exact decimal string`);
const count = (what: string) => z.number().int().optional().describe(what);

const lineSchema = z.object({
  kind: z
    .enum(["usage", "allocated", "price_list", "markup", "adjustment"])
    .describe(
      "usage (direct, by feature and model, at cost), allocated (a share of a shared cost), price_list (the party's price list minus cost of its usage lines), markup (percent), adjustment (late usage of a closed period); price_list and markup lines add up to the statement's markup",
    ),
  description: z.string().describe("What the line is"),
  feature: z.string().optional().describe("Feature (usage lines; empty = none)"),
  provider: z.string().optional().describe("Provider (usage lines)"),
  model: z.string().optional().describe("Model (usage lines)"),
  requests: count("Requests"),
  inputTokens: count("Uncached input tokens"),
  outputTokens: count("Output tokens"),
  cachedInputTokens: count("Cache-read input tokens"),
  cacheWriteTokens: count("Cache-write input tokens"),
  reasoningTokens: count("Reasoning tokens"),
  source: z.string().optional().describe("What was shared (allocated lines): shared-usage or fixed:<id>"),
  percent: z.string().optional().describe("Markup percent (markup lines)"),
  sourcePeriod: z.string().optional().describe("The closed period the adjustment corrects"),
  cost: usd("Amount (usage lines: their cost)"),
  billed: usd("What a usage line is billed at the party's price list (absent: billed at cost)").optional(),
});

export const statementSchema = z.object({
  id: z.string().nullable().describe("Statement id (null in a preview)"),
  number: z.string().nullable().describe("Statement number, e.g. CB-000042 (null in a preview)"),
  status: z.enum(["preview", "closed"]).describe("preview while the period is open; closed = frozen"),
  period: z.string().describe("Month YYYY-MM in the organisation time zone"),
  periodStart: timestamp("Start of the period"),
  periodEnd: timestamp("End of the period (exclusive)"),
  partyDimension: z.enum(PARTY_DIMENSIONS).describe("team or customer"),
  party: z.string().describe("The team or customer charged"),
  currency: z.string().describe("Currency of the amounts"),
  direct: usd("Direct usage"),
  allocated: usd("Allocated share of shared costs"),
  markup: usd("Markup: the price list's difference to cost plus the markup percent"),
  adjustment: usd("Adjustments for late usage of earlier closed periods"),
  total: usd("direct + allocated + markup + adjustment"),
  closedAt: nullableTimestamp("When the statement was closed"),
  invoice: z
    .object({
      status: z.string().describe("pending, draft, open, paid, payment_failed, void, held or failed"),
      stripeInvoiceId: z.string().nullable().describe("The Stripe invoice id"),
      heldReason: z.string().nullable().describe("Why the invoice is held (totals differ)"),
    })
    .nullable()
    .describe("Stripe invoice of a customer statement, when billed through Stripe"),
  lines: z.array(lineSchema).describe("Lines by feature and model, then allocations, markup and adjustments"),
});

const periodViewSchema = z.object({
  period: z.string().describe("Month YYYY-MM"),
  status: z.enum(["open", "closed"]).describe("open: statements are a live preview; closed: frozen"),
  periodStart: timestamp("Start of the period"),
  periodEnd: timestamp("End of the period (exclusive)"),
  closesAt: timestamp("When the period closes (end + grace days)"),
  partyDimension: z.enum(PARTY_DIMENSIONS).describe("team or customer"),
  currency: z.string().describe("Currency"),
  totals: z
    .object({
      direct: usd("Direct"),
      allocated: usd("Allocated"),
      markup: usd("Markup"),
      adjustment: usd("Adjustments"),
      total: usd("Total"),
    })
    .describe("Sums over the statements"),
  shared: z
    .object({
      usage: usd("Shared usage"),
      fixed: usd("Fixed costs"),
      unallocated: usd("Shared but with no party to take it"),
    })
    .nullable()
    .describe("What was shared (previews)"),
  statements: z.array(statementSchema).describe("One statement per party"),
});

const periodQuery = z.strictObject({ period: periodSchema });
const settingsSchema = z.object({
  partyDimension: z.enum(PARTY_DIMENSIONS).describe("team or customer"),
  graceDays: z.number().int().describe("Days after the period before it closes"),
  rule: allocationRuleSchema,
  markups: markupsSchema,
  priceLists: priceListsSchema,
  timeZone: z.string().describe("Organisation time zone of the periods"),
  currency: z.string().describe("Currency"),
  stripe: z
    .object({
      connected: z.boolean().describe("Whether a Stripe key is stored"),
      keyHint: z.string().nullable().describe("First and last characters of the key (the key itself is never shown)"),
      connectedAt: nullableTimestamp("When it was connected"),
    })
    .describe("Stripe connection"),
});
const fixedCostSchema = z.object({
  id: z.string().describe("Fixed cost id"),
  period: z.string().describe("Month YYYY-MM"),
  name: z.string().describe("What the cost is"),
  amount: usd("Amount"),
});
const customerMapSchema = z.object({
  party: z.string().describe("The customer (as in usage events)"),
  stripeCustomerId: z.string().describe("Stripe customer id"),
  createdInStripe: z.boolean().describe("Created by Burnrate"),
});
const csv = z.string().describe("CSV (RFC 4180, UTF-8, header row)");

const read = { kind: "session", permission: "org:read" } as const;
const manage = { kind: "session", permission: "chargeback:manage" } as const;
const key = { kind: "apiKey", scope: "read" } as const;
const noStatement = { not_found: "No such statement in this organisation" };

const listDoc = {
  method: "GET",
  summary: "Chargeback statements of a period",
  description:
    "Every party's statement for a calendar month in the organisation time zone: frozen statements once the period closed (end + grace days), else a live preview. Amounts are exact decimal strings; allocated shares of shared costs add up exactly to what was shared.",
  query: periodQuery,
  responses: { 200: periodViewSchema },
} as const;
const getDoc = {
  method: "GET",
  summary: "Get a chargeback statement",
  description:
    "One closed statement with its lines by feature and model, allocations, markup, adjustments and invoice status.",
  responses: { 200: z.object({ statement: statementSchema.describe("The statement") }) },
  errors: noStatement,
} as const;
const csvDoc = {
  method: "GET",
  summary: "Export a statement as CSV",
  description: "A closed statement's lines and totals as CSV (text cells neutralised against spreadsheet formulas).",
  produces: "text/csv",
  responses: { 200: csv },
  errors: noStatement,
} as const;
const focusDoc = {
  method: "GET",
  summary: "FOCUS 1.2 export",
  description:
    "Spend of [from, to) as a FinOps FOCUS 1.2 CSV, streamed from the database: one row per token kind of each hour, team, feature, provider, model, customer, environment and service tier, with every mandatory column, ConsumedQuantity in tokens, SkuId per model, SkuPriceId per token kind, ListCost at the catalog price and EffectiveCost after the organisation's discounts or custom prices, Tags (JSON), x_ columns, and shared usage replaced by FOCUS 1.3 allocated charges per party (the statements' split). Chargeback resale is never in the cost columns: x_PriceListCost is a row's tokens at the party's price list (empty: at cost) and x_MarkupPercent the party's markup percent (applied once per statement, see the statements). BilledCost adds up to the spend API's total cost for the same range, to the last unit.",
  query: focusExportQuery,
  produces: "text/csv",
  responses: { 200: csv },
} as const;

export const listStatementsContract = defineContract({
  name: "chargeback.statements",
  path: "/api/v1/chargeback/statements",
  auth: key,
  ...listDoc,
});
export const getStatementContract = defineContract({
  name: "chargeback.statement",
  path: "/api/v1/chargeback/statements/{statementId}",
  auth: key,
  ...getDoc,
});
export const statementCsvContract = defineContract({
  name: "chargeback.statementCsv",
  path: "/api/v1/chargeback/statements/{statementId}/csv",
  auth: key,
  ...csvDoc,
});
export const focusExportContract = defineContract({
  name: "exports.focus",
  path: "/api/v1/exports/focus",
  auth: key,
  ...focusDoc,
});

export const orgPeriodContract = defineContract({
  name: "orgChargeback.period",
  path: "/api/orgs/{org}/chargeback",
  auth: read,
  ...listDoc,
});
export const orgStatementContract = defineContract({
  name: "orgChargeback.statement",
  path: "/api/orgs/{org}/chargeback/statements/{statementId}",
  auth: read,
  ...getDoc,
});
export const orgStatementCsvContract = defineContract({
  name: "orgChargeback.statementCsv",
  path: "/api/orgs/{org}/chargeback/statements/{statementId}/csv",
  auth: read,
  ...csvDoc,
});
export const orgFocusExportContract = defineContract({
  name: "orgExports.focus",
  path: "/api/orgs/{org}/exports/focus",
  auth: read,
  ...focusDoc,
});
export const orgSettingsContract = defineContract({
  name: "orgChargeback.settings",
  method: "GET",
  path: "/api/orgs/{org}/chargeback/settings",
  auth: read,
  summary: "Chargeback settings",
  description:
    "Party dimension, grace days, allocation rule, markups, price lists and whether Stripe is connected (never the key).",
  responses: { 200: z.object({ settings: settingsSchema }) },
});
export const orgUpdateSettingsContract = defineContract({
  name: "orgChargeback.updateSettings",
  method: "PATCH",
  path: "/api/orgs/{org}/chargeback/settings",
  auth: manage,
  summary: "Change chargeback settings",
  description:
    "Changes the fields given; applies to periods not yet closed (closed ones keep the rules they closed with).",
  body: chargebackSettingsBody,
  responses: { 200: z.object({ settings: settingsSchema }) },
});
export const orgPreviewContract = defineContract({
  name: "orgChargeback.preview",
  method: "POST",
  path: "/api/orgs/{org}/chargeback/preview",
  auth: manage,
  summary: "Preview allocation rules",
  description: "The period's statements as they would be with draft rules (nothing is saved).",
  body: z.strictObject({
    period: periodSchema,
    partyDimension: z.enum(PARTY_DIMENSIONS).optional(),
    rule: allocationRuleSchema.optional(),
    markups: markupsSchema.optional(),
    priceLists: priceListsSchema.optional(),
  }),
  responses: { 200: periodViewSchema },
});
export const orgFixedCostsContract = defineContract({
  name: "orgChargeback.fixedCosts",
  method: "GET",
  path: "/api/orgs/{org}/chargeback/fixed-costs",
  auth: read,
  summary: "Fixed costs of a period",
  description: "Fixed costs entered for a month (shared by the allocation rule).",
  query: periodQuery,
  responses: { 200: z.object({ fixedCosts: z.array(fixedCostSchema).describe("The fixed costs") }) },
});
export const orgAddFixedCostContract = defineContract({
  name: "orgChargeback.addFixedCost",
  method: "POST",
  path: "/api/orgs/{org}/chargeback/fixed-costs",
  auth: manage,
  summary: "Add a fixed cost",
  description: "A fixed cost of a month to share (a platform fee, GPUs). A closed period is a 409.",
  body: fixedCostBody,
  responses: { 201: z.object({ fixedCost: fixedCostSchema.describe("The fixed cost added") }) },
  errors: { conflict: "The period is closed" },
});
export const orgReleaseInvoiceContract = defineContract({
  name: "orgChargeback.releaseInvoice",
  method: "POST",
  path: "/api/orgs/{org}/chargeback/statements/{statementId}/release",
  auth: manage,
  summary: "Release a held invoice",
  description:
    "A statement's Stripe invoice held because Stripe's total differed from the statement (fix the difference in Stripe first): back to draft, audited, and billed again at once with the same idempotency keys. Still different: held again; equal: finalized. An invoice that is not held is a 409.",
  responses: {
    200: z.object({
      invoice: z.object({
        status: z.string().describe("The invoice status after the new billing run (open, held, failed, …)"),
        stripeInvoiceId: z.string().optional().describe("The Stripe invoice id"),
      }),
    }),
  },
  errors: { not_found: "No invoice for this statement in this organisation", conflict: "The invoice is not held" },
});
export const orgDeleteFixedCostContract = defineContract({
  name: "orgChargeback.deleteFixedCost",
  method: "DELETE",
  path: "/api/orgs/{org}/chargeback/fixed-costs/{costId}",
  auth: manage,
  summary: "Delete a fixed cost",
  description: "Deletes a fixed cost of an open period. A closed period is a 409.",
  responses: { 200: z.object({ deleted: z.literal(true) }) },
  errors: { not_found: "No such fixed cost in this organisation", conflict: "The period is closed" },
});
export const orgConnectStripeContract = defineContract({
  name: "orgStripe.connect",
  method: "PUT",
  path: "/api/orgs/{org}/chargeback/stripe",
  auth: manage,
  summary: "Connect Stripe",
  description: "Stores a restricted key and the webhook signing secret, encrypted; neither is ever shown again.",
  body: connectStripeBody,
  responses: { 200: z.object({ connected: z.literal(true), keyHint: z.string() }) },
});
export const orgDisconnectStripeContract = defineContract({
  name: "orgStripe.disconnect",
  method: "DELETE",
  path: "/api/orgs/{org}/chargeback/stripe",
  auth: manage,
  summary: "Disconnect Stripe",
  description: "Forgets the key and webhook secret.",
  responses: { 200: z.object({ connected: z.literal(false) }) },
});
export const orgStripeCustomersContract = defineContract({
  name: "orgStripe.customers",
  method: "GET",
  path: "/api/orgs/{org}/chargeback/stripe/customers",
  auth: manage,
  summary: "Customers mapped to Stripe",
  description: "Each customer and its Stripe customer id.",
  responses: { 200: z.object({ customers: z.array(customerMapSchema) }) },
});
export const orgMapStripeCustomerContract = defineContract({
  name: "orgStripe.mapCustomer",
  method: "PUT",
  path: "/api/orgs/{org}/chargeback/stripe/customers",
  auth: manage,
  summary: "Map a customer to Stripe",
  description:
    "Maps a customer to an existing Stripe customer id, or creates one in Stripe (409 when Stripe is not connected).",
  body: mapCustomerBody,
  responses: { 200: z.object({ customer: customerMapSchema }) },
  errors: { conflict: "Stripe is not connected" },
});
export const stripeWebhookContract = defineContract({
  name: "stripe.webhook",
  method: "POST",
  path: "/api/webhooks/stripe/{orgId}",
  auth: { kind: "public" },
  summary: "Stripe webhook",
  description:
    "Stripe's invoice events (invoice.finalized, paid, payment_failed, voided) for an organisation's statements, verified with the Stripe-Signature header and the organisation's webhook secret, applied once per event id.",
  body: z.unknown().describe("The Stripe event (raw JSON, verified byte for byte)"),
  parseBody: false,
  maxBodyBytes: 512 * 1024,
  responses: { 200: z.object({ received: z.literal(true), duplicate: z.boolean(), updated: z.number().int() }) },
  errors: { not_found: "No Stripe connection for this organisation" },
});

export const CHARGEBACK_CONTRACTS = [
  listStatementsContract,
  getStatementContract,
  statementCsvContract,
  focusExportContract,
  orgPeriodContract,
  orgStatementContract,
  orgStatementCsvContract,
  orgFocusExportContract,
  orgSettingsContract,
  orgUpdateSettingsContract,
  orgPreviewContract,
  orgFixedCostsContract,
  orgAddFixedCostContract,
  orgDeleteFixedCostContract,
  orgReleaseInvoiceContract,
  orgConnectStripeContract,
  orgDisconnectStripeContract,
  orgStripeCustomersContract,
  orgMapStripeCustomerContract,
  stripeWebhookContract,
] as const;
