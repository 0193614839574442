import { z } from "zod";

/** How one measure is summed from usage_events columns; `c` quotes a column (with the table alias). */
type FromEvents = (c: (column: string) => string) => string;
type MeasureDef = {
  /** count: an integer; money: pico-dollars (bigint) in SQL, an exact USD decimal string at the API. */
  kind: "count" | "money";
  /** Its name in the spend API response, when it differs from the column. */
  responseKey?: string;
  description: string;
  fromEvents: FromEvents;
};

const sumOf =
  (column: string): FromEvents =>
  (c) =>
    `sum(${c(column)})`;

/**
 * The measures of usage, declared once, in rollup column order. Each is a column of rollup_deltas,
 * spend_rollups and spend_rollups_daily; the fold, the delta inserts, the spend query and its
 * response schema, and the dashboard's types are all derived from this list.
 */
export const MEASURE_DEFS = {
  events: { kind: "count", description: "Usage events recorded", fromEvents: () => "count(*)" },
  unpricedEvents: {
    kind: "count",
    description: "Events whose model had no price (their cost is not in cost)",
    fromEvents: (c) => `count(*) FILTER (WHERE NOT ${c("priced")})`,
  },
  errorEvents: {
    kind: "count",
    description: "Events with status error",
    fromEvents: (c) => `count(*) FILTER (WHERE ${c("status")} = 'error')`,
  },
  requests: { kind: "count", description: "Requests the events stand for", fromEvents: sumOf("requests") },
  inputTokens: {
    kind: "count",
    description: "Uncached input tokens (excludes cache reads and cache writes)",
    fromEvents: sumOf("inputTokens"),
  },
  outputTokens: { kind: "count", description: "Output tokens (excludes reasoning)", fromEvents: sumOf("outputTokens") },
  cachedInputTokens: {
    kind: "count",
    description: "Input tokens read from the prompt cache",
    fromEvents: sumOf("cachedInputTokens"),
  },
  cacheWriteTokens: {
    kind: "count",
    description: "Input tokens written to the prompt cache",
    fromEvents: sumOf("cacheWriteTokens"),
  },
  reasoningTokens: { kind: "count", description: "Reasoning (thinking) tokens", fromEvents: sumOf("reasoningTokens") },
  costPico: {
    kind: "money",
    responseKey: "cost",
    description: "Cost in USD, an exact decimal string",
    fromEvents: (c) => `coalesce(sum(${c("costPico")}), 0)`,
  },
} as const satisfies Record<string, MeasureDef>;

export type Measure = keyof typeof MEASURE_DEFS;
export const MEASURES = Object.keys(MEASURE_DEFS) as Measure[] as readonly Measure[];

type Defs = typeof MEASURE_DEFS;
type ResponseKeyOf<M extends Measure> = Defs[M] extends { responseKey: infer K extends string } ? K : M;
/** A measure's name in the spend API response ("cost" for costPico). */
export const responseKey = <M extends Measure>(m: M): ResponseKeyOf<M> =>
  ((MEASURE_DEFS[m] as MeasureDef).responseKey ?? m) as ResponseKeyOf<M>;

/** One row of measures as the spend API returns them: cost an exact decimal string, counts integers. */
export type MeasureTotals = {
  [M in Measure as ResponseKeyOf<M>]: Defs[M]["kind"] extends "money" ? string : number;
};

const decimalUsd = z.string().regex(/^-?\d+(\.\d+)?$/, "an exact decimal string");
type MeasureShape = { [K in keyof MeasureTotals]: MeasureTotals[K] extends string ? typeof decimalUsd : z.ZodNumber };

/** Zod schema of one row of measures in a spend response (a total or a point, without its time). */
export const measuresResponseSchema = z.object(
  Object.fromEntries(
    MEASURES.map((m) => {
      const def: MeasureDef = MEASURE_DEFS[m];
      const schema = def.kind === "money" ? decimalUsd : z.number().int();
      return [responseKey(m), schema.describe(def.description)];
    }),
  ) as MeasureShape,
);
