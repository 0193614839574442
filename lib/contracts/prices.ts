import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import { longContextSchema, priceSetSchema, serviceTiersSchema } from "@/lib/pricing/catalog-schema";
import { importInput } from "@/lib/pricing/import/import-input";
import { createOverrideInput } from "@/lib/pricing/overrides/override-input";
import { id, jsonValue, nullableTimestamp, timestamp } from "./fields";
import { catalogDiffSchema } from "./price-diff";

/** Prices are decimal strings: USD per 1M tokens, or per unit (request, image, audio second). */
const priceSet = z.object(priceSetSchema.shape).describe("Prices in USD per 1M tokens or per unit, as decimals");
const overrideKind = z.enum(["DISCOUNT", "CUSTOM_PRICE"]).describe("A percentage off, or a price of its own");
const percentOff = z.string().nullable().describe("Discount in percent, as a decimal string");

const overrideSchema = z.object({
  id: id("Override id"),
  orgId: id("Organisation id"),
  kind: overrideKind,
  provider: z.string().nullable().describe("Provider it applies to; null for all"),
  model: z.string().nullable().describe("Model it applies to; null for all of the provider"),
  percentOff,
  prices: priceSet.nullable(),
  longContext: jsonValue("Long-context prices of a custom price").nullable(),
  serviceTiers: jsonValue("Service-tier prices of a custom price").nullable(),
  note: z.string().nullable().describe("Why it exists"),
  effectiveFrom: timestamp("In force from"),
  effectiveTo: nullableTimestamp("In force until; null while open"),
  createdById: z.string().nullable().describe("User who added it"),
  createdAt: timestamp("When it was added"),
});

const repriceJobSchema = z.object({
  id: id("Job id"),
  orgId: id("Organisation id"),
  provider: z.string().nullable().describe("Provider re-priced; null for all"),
  model: z.string().nullable().describe("Model re-priced; null for all"),
  from: nullableTimestamp("Start of the re-priced range"),
  to: nullableTimestamp("End of the re-priced range"),
  status: z.string().describe("queued, running, done or failed"),
  total: z.number().int().describe("Events to re-price"),
  done: z.number().int().describe("Events re-priced so far"),
  error: z.string().nullable().describe("Why it failed"),
  createdAt: timestamp("When it was queued"),
  finishedAt: nullableTimestamp("When it ended"),
});

const overrideChange = z.object({
  override: overrideSchema,
  repriceJob: z
    .object({ id: id("Job id"), status: z.string().describe("queued at first") })
    .describe("The re-pricing run the change queued"),
});

export const listCatalogContract = defineContract({
  name: "prices.catalog",
  method: "GET",
  path: "/api/orgs/{org}/prices",
  auth: { kind: "session", permission: "org:read" },
  summary: "Browse the price catalog",
  description: "Prices in force now, with this organisation's override of each row.",
  query: z.strictObject({
    search: z.string().trim().max(100).optional().describe("Part of a model name, display name or alias"),
    provider: z.string().trim().max(64).optional().describe("Only this provider"),
    page: z.coerce.number().int().min(1).max(10_000).default(1).describe("Page number"),
    pageSize: z.coerce.number().int().min(1).max(200).default(50).describe("Rows per page"),
  }),
  responses: {
    200: z.object({
      items: z.array(
        z.object({
          provider: z.string().describe("Provider"),
          model: z.string().describe("Catalog model name"),
          displayName: z.string().nullable().describe("Readable name"),
          aliases: z.array(z.string()).describe("Other names events may use"),
          prices: priceSet,
          longContext: longContextSchema.nullable().describe("Prices above a prompt-size threshold"),
          serviceTiers: serviceTiersSchema.describe("Prices of batch, flex and priority tiers"),
          sourceUrl: z.string().nullable().describe("Where the price was read"),
          checkedAt: z.string().nullable().describe("When the price was last checked"),
          sources: z
            .string()
            .nullable()
            .describe("The cross-check: which sources agree, and how a disagreement was resolved (or not)"),
          effectiveFrom: timestamp("In force from"),
          override: z
            .object({ kind: overrideKind, percentOff, prices: priceSet.nullable() })
            .nullable()
            .describe("This organisation's override of the row"),
        }),
      ),
      total: z.number().int().describe("Rows matching"),
      page: z.number().int().describe("Page number"),
      pageSize: z.number().int().describe("Rows per page"),
      providers: z.array(z.string()).describe("Every provider of the catalog"),
    }),
  },
});

export const listOverridesContract = defineContract({
  name: "priceOverrides.list",
  method: "GET",
  path: "/api/orgs/{org}/price-overrides",
  auth: { kind: "session", permission: "org:read" },
  summary: "List price overrides",
  description: "Open overrides first, then ended ones.",
  responses: { 200: z.object({ items: z.array(overrideSchema) }) },
});

export const createOverrideContract = defineContract({
  name: "priceOverrides.create",
  method: "POST",
  path: "/api/orgs/{org}/price-overrides",
  auth: { kind: "session", permission: "prices:manage" },
  summary: "Add a price override",
  description: "Adds a discount or a custom price and queues re-pricing of the events it affects.",
  body: createOverrideInput,
  responses: { 201: overrideChange },
});

export const endOverrideContract = defineContract({
  name: "priceOverrides.end",
  method: "DELETE",
  path: "/api/orgs/{org}/price-overrides/{overrideId}",
  auth: { kind: "session", permission: "prices:manage" },
  summary: "End a price override",
  description: "Ends it now; past events keep the price they had. Re-pricing is queued.",
  responses: { 200: overrideChange },
  errors: { not_found: "No such override in this organisation" },
});

export const listRepriceJobsContract = defineContract({
  name: "repriceJobs.list",
  method: "GET",
  path: "/api/orgs/{org}/reprice-jobs",
  auth: { kind: "session", permission: "org:read" },
  summary: "List re-pricing jobs",
  description: "The 20 newest.",
  responses: { 200: z.object({ items: z.array(repriceJobSchema) }) },
});

export const listUnpricedContract = defineContract({
  name: "prices.unpriced",
  method: "GET",
  path: "/api/orgs/{org}/unpriced",
  auth: { kind: "session", permission: "org:read" },
  summary: "List unpriced models",
  description: "Models seen in usage that have no price, most events first (at most 100).",
  responses: {
    200: z.object({
      items: z.array(
        z.object({
          provider: z.string().describe("Provider"),
          model: z.string().describe("Model as reported"),
          events: z.number().int().describe("Events waiting for a price"),
          lastSeen: timestamp("End of the last hour it was seen in"),
        }),
      ),
      totalEvents: z.number().int().describe("Unpriced events over every model"),
    }),
  },
});

export const importPricesContract = defineContract({
  name: "admin.importPrices",
  method: "POST",
  path: "/api/admin/prices",
  auth: { kind: "user" },
  summary: "Import the price catalog (operators)",
  description:
    "Previews (default) or applies a catalog import. Suspicious changes are refused (409) unless confirmed. Anyone but an operator gets 404.",
  body: importInput,
  // The content may be 8 MB of text, which JSON escaping can grow.
  maxBodyBytes: 10 * 1024 * 1024,
  responses: {
    200: z.object({
      applied: z.boolean().describe("Whether the import was applied"),
      importId: z.string().optional().describe("Id of the applied import"),
      repriceJobs: z.number().int().optional().describe("Re-pricing runs queued (one per organisation)"),
      diff: catalogDiffSchema,
    }),
  },
  errors: { not_found: "Not an operator", conflict: "Suspicious changes need confirm: true" },
});
