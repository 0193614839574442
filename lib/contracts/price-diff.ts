import { z } from "zod";
import type { CatalogDiff } from "@/lib/pricing/import/diff-catalog";
import { jsonValue } from "./fields";

const priceParts = z
  .object({
    prices: z.record(z.string(), z.string()).describe("USD per 1M tokens or per unit, as decimals"),
    longContext: jsonValue("Prices above a prompt-size threshold").nullable(),
    serviceTiers: jsonValue("Batch, flex and priority prices"),
    timeOfDay: jsonValue("UTC time-of-day windows and their prices").nullable(),
  })
  .describe("What prices a model");

const diffItem = z.object({
  provider: z.string().describe("Catalog provider"),
  model: z.string().describe("Catalog model (the model the file's name resolved to)"),
  sourceName: z.string().describe("The name the file used: an alias, a dated snapshot, a prefixed name"),
  effectiveFrom: z.string().nullable().describe("A dated version: in force from then; null: from the import"),
  currentId: z.string().nullable().describe("The version it ends; null for a new model"),
  before: priceParts.nullable().describe("Prices in force before; null for a new model"),
  after: priceParts.describe("Prices after the change (merged: what the file does not state is kept)"),
  impact: z
    .object({
      events: z.number().int().describe("Events of the last 30 days priced differently"),
      delta: z.string().describe("Total difference in USD, exact decimal (negative: cheaper)"),
    })
    .optional()
    .describe("What the change does to recent events"),
  mode: z.string().optional().describe("LiteLLM's mode of the model (chat, embedding, …)"),
});

export const sanityIssueSchema = z.object({
  provider: z.string().describe("Catalog provider"),
  model: z.string().describe("Catalog model"),
  check: z.enum(["ratio", "zeroed", "output_below_input", "cache_above_input"]).describe("Which check flagged it"),
  field: z.string().describe("The price concerned"),
  before: z.string().nullable().describe("Its value before (or the input price)"),
  after: z.string().nullable().describe("Its value after"),
  message: z.string().describe("Why it needs confirmation"),
});

export const catalogDiffSchema = z
  .object({
    added: z.array(diffItem).describe("New models (or new dated versions of a model with no price then)"),
    changed: z.array(diffItem).describe("Price changes, as new versions"),
    removed: z
      .array(
        z.object({
          id: z.string().describe("Version ended"),
          provider: z.string().describe("Provider"),
          model: z.string().describe("Model"),
          prices: jsonValue("Its prices"),
        }),
      )
      .describe("Models no longer listed (full replacement only)"),
    unchanged: z.number().int().describe("Entries with the same prices"),
    invalid: z
      .array(
        z.object({
          provider: z.string().describe("Provider"),
          model: z.string().describe("Model"),
          message: z.string().describe("Why it was refused"),
        }),
      )
      .describe("Entries refused"),
    issues: z.array(sanityIssueSchema).describe("Changes that need explicit confirmation"),
    impact: z
      .object({
        events: z.number().int().describe("Events priced differently in total"),
        delta: z.string().describe("Total difference in USD, exact decimal"),
        days: z.number().int().describe("Days of events looked at"),
      })
      .optional()
      .describe("What the whole import does to recent events"),
  })
  .describe("What an import or sync changes");

export type PublicDiff = z.infer<typeof catalogDiffSchema>;

/** The diff as the API shows it (without the versions to write). */
export function publicDiff(d: CatalogDiff): PublicDiff {
  const item = ({ version: _v, ...rest }: CatalogDiff["added"][number]) => rest as PublicDiff["added"][number];
  return { ...d, added: d.added.map(item), changed: d.changed.map(item) };
}
