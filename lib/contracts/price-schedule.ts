import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import { priceSetSchema, timeOfDaySchema } from "@/lib/pricing/catalog-schema";
import { timestamp } from "./fields";

const priceSet = z.object(priceSetSchema.shape).describe("Prices in USD per 1M tokens or per unit, as decimals");

export const priceScheduleContract = defineContract({
  name: "prices.schedule",
  method: "GET",
  path: "/api/orgs/{org}/prices/schedule",
  auth: { kind: "session", permission: "org:read" },
  summary: "Upcoming and time-of-day catalog prices",
  description:
    "Catalog versions that come into force later (with the price each replaces), and the models priced by the UTC time of day.",
  responses: {
    200: z.object({
      upcoming: z
        .array(
          z.object({
            provider: z.string().describe("Provider"),
            model: z.string().describe("Catalog model"),
            displayName: z.string().nullable().describe("Readable name"),
            effectiveFrom: timestamp("When the new price comes into force"),
            prices: priceSet,
            previous: priceSet.nullable().describe("The price it replaces; null for a model priced from then on"),
          }),
        )
        .describe("Dated price changes, soonest first"),
      timeOfDay: z
        .array(
          z.object({
            provider: z.string().describe("Provider"),
            model: z.string().describe("Catalog model"),
            displayName: z.string().nullable().describe("Readable name"),
            prices: priceSet,
            windows: timeOfDaySchema.describe("UTC windows [from, to) and the prices that replace the standard ones"),
          }),
        )
        .describe("Models whose price depends on the time of day"),
    }),
  },
});
