import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import { checkLimitsQuery, releaseInput, reserveInput } from "@/lib/limits/limits-input";

const key = { kind: "apiKey", scope: "ingest" } as const;
/** The check: a key with ingest or read, on the hot path (cached key, one Redis round trip). */
const checkKey = { kind: "apiKey", scope: "ingest", orScope: "read", fastPath: true } as const;
const usd = (what: string) => z.string().describe(`${what}, USD as an exact decimal string`);

const capSchema = z
  .object({
    id: z.string().describe("Budget id"),
    name: z.string().describe("Budget name"),
    scope: z.record(z.string(), z.string()).describe('The budget\'s scope ("*" = each value apart)'),
    scopeValue: z.string().nullable().describe('The call\'s value of the "*" dimension; null for a plain scope'),
    period: z.string().describe("day, week, month, quarter or custom"),
    periodStart: z.string().describe("Start of the current period (ISO 8601)"),
    amount: usd("The cap: the budget's amount plus this period's overrides"),
    override: usd('Overrides for this period and value ("allow another $X"), included in amount'),
    spent: usd("Spend this period in the rollups"),
    reserved: usd("Open reservations, and settled ones the rollups do not hold yet"),
    remaining: usd("Room left (0 when capped)"),
    capped: z.boolean().describe("True when nothing is left: calls in this scope are refused"),
    resetsAt: z.string().describe("When the period ends and the cap resets (ISO 8601)"),
  })
  .meta({ id: "CapState" });

export const checkLimitsContract = defineContract({
  name: "limits.check",
  method: "GET",
  path: "/api/v1/limits",
  auth: checkKey,
  summary: "Check hard caps for a call",
  description:
    "Every hard-capped budget whose scope covers the call's attributes (query parameters as in a usage event; the API key is the caller's), with spend, reservations and room. A refusal is an answer: `allowed: false`, with the budget that is full and when it resets. Example: `GET /api/v1/limits?team=search&customer=acme&endUser=u_42`.",
  query: checkLimitsQuery,
  responses: {
    200: z.object({
      allowed: z.boolean().describe("False when any matching hard-capped budget has no room left"),
      asOf: z.string().describe("When the answer was computed (ISO 8601)"),
      budgets: z.array(capSchema).describe("The matching hard-capped budgets"),
      degraded: z
        .enum(["fail_open", "fail_closed"])
        .optional()
        .describe(
          "Only when Postgres is down (Redis holds no figures): the organisation's fail mode answered (no budgets listed)",
        ),
    }),
  },
});

export const reserveContract = defineContract({
  name: "limits.reserve",
  method: "POST",
  path: "/api/v1/limits/reserve",
  auth: key,
  summary: "Reserve spend before a call",
  description:
    'Reserves the call\'s most cost against every matching hard-capped budget, atomically: concurrent reservations never jointly exceed what remains. Give `estimatedCost`, or `model` (with `provider`) and `maxInputTokens`/`maxOutputTokens` to price it from the price book. Post the call\'s usage event with `reservationId` to settle it (its actual cost replaces the estimate, once); `POST /api/v1/limits/release` returns an unused one; unsettled reservations expire after `ttlSeconds`. Example: `{"team":"search","customer":"acme","estimatedCost":"0.12","ttlSeconds":120}`.',
  body: reserveInput,
  responses: {
    200: z.union([
      z.object({
        allowed: z.literal(true).describe("The reservation was made"),
        reservationId: z.string().describe("rsv_…: send it as the usage event's reservationId"),
        expiresAt: z.string().describe("When it is released unless settled (ISO 8601)"),
        amount: usd("The amount reserved"),
        budgets: z.array(capSchema).describe("The matching hard-capped budgets, this reservation included"),
      }),
      z.object({
        allowed: z.literal(false).describe("Refused: a matching hard-capped budget lacks the room"),
        budget: capSchema.describe("The budget with the least room"),
        resetsAt: z.string().describe("When that budget's period ends (ISO 8601)"),
      }),
      z.object({
        allowed: z.boolean().describe("The organisation's fail mode: true when fail-open, false when fail-closed"),
        reservationId: z.null().describe("No reservation was made"),
        degraded: z
          .enum(["fail_open", "fail_closed"])
          .describe("Postgres is down: the organisation's fail mode answered"),
      }),
    ]),
  },
});

export const releaseContract = defineContract({
  name: "limits.release",
  method: "POST",
  path: "/api/v1/limits/release",
  auth: key,
  summary: "Release an unused reservation",
  description:
    "Returns the reservation's room at once. Releasing again, or a reservation already settled or expired, changes nothing and says what it was.",
  body: releaseInput,
  responses: {
    200: z.object({
      status: z.enum(["released", "settled", "expired"]).describe("What the reservation is now"),
    }),
  },
  errors: { not_found: "No such reservation in this organisation" },
});

export const LIMITS_CONTRACTS = [checkLimitsContract, reserveContract, releaseContract] as const;
