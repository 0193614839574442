// Shared by the OTLP and SDK suites: an organisation with a test model whose every token kind has its own
// price, an ingest key, and the routes served over HTTP.
import { context, trace } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import * as eventsRoute from "@/app/api/v1/events/route";
import * as limitsRoute from "@/app/api/v1/limits/route";
import * as releaseRoute from "@/app/api/v1/limits/release/route";
import * as reserveRoute from "@/app/api/v1/limits/reserve/route";
import * as tracesRoute from "@/app/api/otel/v1/traces/route";
import { createApiKey } from "@/lib/apikeys/create-api-key";
import { pgPool } from "@/lib/db/pg-pool";
import { createOverride } from "@/lib/pricing/overrides/create-override";
import type { OrgContext } from "@/lib/tenancy/context";
import { newOrg } from "./factories";
import { startRouteServer } from "./route-server";

/**
 * Prices of `burnrate-test-1` (provider openai), USD per 1M tokens, so pico-USD per token is × 10⁶:
 * input 1 (10⁶), cached input 0.1 (10⁵), cache write 5m 2 (2·10⁶), 1h 3 (3·10⁶), output 4 (4·10⁶),
 * reasoning 5 (5·10⁶). A token counted in the wrong bucket changes the cost.
 */
export const TEST_MODEL = "burnrate-test-1";
/** The same prices for provider anthropic. */
export const TEST_CLAUDE = "burnrate-test-claude";

export async function pricedOrg(label: string, defaultAttribution?: Record<string, string>) {
  const org = await newOrg(label);
  await createOverride(org, {
    kind: "CUSTOM_PRICE",
    provider: "openai",
    model: TEST_MODEL,
    prices: { input: "1", cachedInput: "0.1", cacheWrite5m: "2", cacheWrite1h: "3", output: "4", reasoning: "5" },
  });
  await createOverride(org, {
    kind: "CUSTOM_PRICE",
    provider: "anthropic",
    model: TEST_CLAUDE,
    prices: { input: "1", cachedInput: "0.1", cacheWrite5m: "2", cacheWrite1h: "3", output: "4", reasoning: "5" },
  });
  const key = await createApiKey(org, { name: `${label} key`, scopes: ["ingest"], defaultAttribution });
  return { org, apiKey: key.secret, apiKeyId: key.id };
}

export type StoredEvent = {
  eventId: string;
  provider: string;
  model: string;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  cacheTtl: string | null;
  outputTokens: number;
  reasoningTokens: number;
  team: string | null;
  feature: string | null;
  customer: string | null;
  environment: string | null;
  endUser: string | null;
  tags: Record<string, string> | null;
  status: string;
  requestId: string | null;
  reservationId: string | null;
  costPico: string | null;
};

export async function storedEvents(org: OrgContext): Promise<StoredEvent[]> {
  const { rows } = await pgPool().query<StoredEvent>(
    `SELECT "eventId", provider, model, "inputTokens", "cachedInputTokens", "cacheWriteTokens", "cacheTtl",
            "outputTokens", "reasoningTokens", team, feature, customer, environment, "endUser", tags, status,
            "requestId", "reservationId", "costPico"::text AS "costPico"
       FROM usage_events WHERE "orgId" = $1 ORDER BY "eventId"`,
    [org.orgId],
  );
  return rows;
}

export function startBurnrate() {
  return startRouteServer({
    "POST /api/otel/v1/traces": tracesRoute.POST,
    "POST /api/v1/events": eventsRoute.POST,
    "GET /api/v1/limits": limitsRoute.GET,
    "POST /api/v1/limits/reserve": reserveRoute.POST,
    "POST /api/v1/limits/release": releaseRoute.POST,
  });
}

/** Spans made with the official SDK, kept in memory so that a test can export them (again) as it likes. */
export function recordSpans(resource: Record<string, string>) {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
  });
  const tracer = provider.getTracer("burnrate-test");
  return {
    provider,
    /** A span with these attributes, ended; `parent` nests it. */
    span(name: string, attributes: Record<string, string | number>, parent?: ReturnType<typeof tracer.startSpan>) {
      const ctx = parent ? trace.setSpan(context.active(), parent) : context.active();
      return tracer.startSpan(name, { attributes }, ctx);
    },
    finished: (): ReadableSpan[] => memory.getFinishedSpans(),
  };
}
