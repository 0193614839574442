import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import { id, nullableTimestamp, timestamp } from "./fields";
import { catalogDiffSchema } from "./price-diff";

const syncRun = z.object({
  id: id("Run id"),
  trigger: z.string().describe("schedule (the daily sync) or manual (an operator's request)"),
  status: z
    .string()
    .describe(
      "queued, running, no_changes, pending (waiting for an operator), applying, applied, dismissed, superseded or failed",
    ),
  sourceUrl: z.string().describe("Where it fetched from (without the query)"),
  createdAt: timestamp("When it was started"),
  finishedAt: nullableTimestamp("When it ended"),
  decidedBy: z.string().nullable().describe("Operator who approved or dismissed it; auto when applied automatically"),
  decidedAt: nullableTimestamp("When it was decided"),
  error: z.string().nullable().describe("Why it failed"),
  importId: z.string().nullable().describe("The import that applied it"),
  diff: catalogDiffSchema.nullable().describe("What it changes (never removals)"),
});

const operatorOnly = { not_found: "Not an operator" } as const;

export const listPriceSyncContract = defineContract({
  name: "admin.priceSync.list",
  method: "GET",
  path: "/api/admin/price-sync",
  auth: { kind: "user" },
  summary: "Price sync status (operators)",
  description: "BURNRATE_PRICE_SYNC_URL's configuration and the 10 newest sync runs, the pending one first.",
  responses: {
    200: z.object({
      configured: z.boolean().describe("Whether BURNRATE_PRICE_SYNC_URL is set"),
      autoApply: z.boolean().describe("Whether changes without sanity issues apply without review"),
      sourceUrl: z.string().nullable().describe("Where the sync fetches from (without the query)"),
      runs: z.array(syncRun).describe("The newest runs"),
    }),
  },
  errors: operatorOnly,
});

export const runPriceSyncContract = defineContract({
  name: "admin.priceSync.run",
  method: "POST",
  path: "/api/admin/price-sync",
  auth: { kind: "user" },
  summary: "Sync prices now (operators)",
  description: "Queues a fetch of BURNRATE_PRICE_SYNC_URL; its changes wait for review like the daily sync's.",
  responses: { 202: z.object({ run: z.object({ id: id("Run id"), status: z.string().describe("queued") }) }) },
  errors: { ...operatorOnly, conflict: "BURNRATE_PRICE_SYNC_URL is not set" },
});

export const decidePriceSyncContract = defineContract({
  name: "admin.priceSync.decide",
  method: "POST",
  path: "/api/admin/price-sync/decision",
  auth: { kind: "user" },
  summary: "Approve or dismiss a pending price sync (operators)",
  description:
    "apply: the fetched prices become new versions from now (re-planned against the catalog as it is; suspicious changes need confirm: true) and events are re-priced. dismiss: nothing changes.",
  body: z.strictObject({
    runId: id("The pending run"),
    decision: z.enum(["apply", "dismiss"]).describe("Apply its changes or drop them"),
    confirm: z.boolean().default(false).describe("Apply even the changes the sanity checks flag"),
  }),
  responses: {
    200: z.object({
      run: z.object({ id: id("Run id"), status: z.string().describe("applied or dismissed") }),
      repriceJobs: z.number().int().describe("Re-pricing runs queued"),
    }),
  },
  errors: {
    ...operatorOnly,
    conflict: "The run is not pending, or suspicious changes need confirm: true",
  },
});
