import { errorBodySchema, issueSchema } from "@/lib/api/error-schema";
import type { RouteContract } from "@/lib/api/define-contract";
import { HTTP_STATUS } from "@/lib/api/http-status";
import { CONTRACTS } from "@/lib/contracts";
import type { ErrorCode } from "@/lib/errors";
import pkg from "@/package.json" with { type: "json" };
import { jsonSchema } from "./json-schema";

type Json = Record<string, unknown>;

/** The error codes a route may answer with: those of its auth and input, and those it declares. */
function errorCodes(c: RouteContract): Partial<Record<ErrorCode, string>> {
  const out: Partial<Record<ErrorCode, string>> = {};
  if (c.query || c.body) out.invalid_request = "A parameter or field is invalid; the issues name it";
  if (c.body && c.parseBody !== false) out.unsupported_media_type = "Content-Type is not application/json";
  if (c.auth.kind === "apiKey") {
    out.unauthorized = "Missing, invalid or revoked API key";
    out.forbidden = `The key lacks the ${c.auth.scope} scope${c.auth.orScope ? ` (or ${c.auth.orScope})` : ""}`;
    out.rate_limited = "Rate limit of the key exceeded; see Retry-After";
  }
  if (c.auth.kind === "session" || c.auth.kind === "user") out.unauthorized = "Not signed in";
  if (c.auth.kind === "session") out.forbidden = `Your role lacks ${c.auth.permission}`;
  if (c.auth.kind === "public" && c.auth.rateLimit) out.rate_limited = "Too many requests; see Retry-After";
  out.unavailable = "Temporarily unavailable (database unreachable, or overloaded); retry after Retry-After";
  return { ...out, ...c.errors };
}

function operation(c: RouteContract, components: Record<string, Json>): Json {
  const pathParams = [...c.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    description: `The ${m[1]} of the resource`,
    schema: { type: "string" },
  }));
  const query = c.query ? jsonSchema(c.query, "input", components) : null;
  const queryParams = Object.entries((query?.properties ?? {}) as Record<string, Json>).map(([name, s]) => {
    const { description, ...schema } = s;
    return { name, in: "query", required: ((query?.required as string[]) ?? []).includes(name), description, schema };
  });
  const responses: Record<string, Json> = {};
  for (const [status, schema] of Object.entries(c.responses)) {
    const s = jsonSchema(schema, "output", components);
    const media = c.produces && Number(status) < 300 ? c.produces : "application/json";
    responses[status] = {
      description: (s.description as string) ?? "OK",
      content: { [media]: { schema: s } },
    };
  }
  const byStatus = new Map<number, string[]>();
  for (const [code, why] of Object.entries(errorCodes(c)) as [ErrorCode, string][]) {
    byStatus.set(HTTP_STATUS[code], [...(byStatus.get(HTTP_STATUS[code]) ?? []), `\`${code}\`: ${why}`]);
  }
  const error = jsonSchema(errorBodySchema, "output", components);
  for (const [status, lines] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] ??= { description: lines.join("; "), content: { "application/json": { schema: error } } };
  }
  return {
    operationId: c.name,
    summary: c.summary,
    description: c.description,
    ...(c.auth.kind === "apiKey"
      ? { security: [c.auth.scope, ...(c.auth.orScope ? [c.auth.orScope] : [])].map((s) => ({ apiKey: [s] })) }
      : { security: [] }),
    parameters: [...pathParams, ...queryParams],
    ...(c.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: jsonSchema(c.body, "input", components) },
              // OTLP receivers take the same message in protobuf (the exporters' default).
              ...(c.path.startsWith("/api/otel/")
                ? { "application/x-protobuf": { schema: { type: "string", format: "binary" } } }
                : {}),
            },
          },
        }
      : {}),
    responses,
  };
}

/** OpenAPI 3.1 of the public API (/api/v1, and the OTLP receiver /api/otel), generated from the route contracts. */
export function openApiDocument() {
  const components: Record<string, Json> = {};
  jsonSchema(issueSchema, "output", components);
  const paths: Record<string, Record<string, Json>> = {};
  for (const c of CONTRACTS.filter((c) => c.path.startsWith("/api/v1/") || c.path.startsWith("/api/otel/"))) {
    paths[c.path] = { ...paths[c.path], [c.method.toLowerCase()]: operation(c, components) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Burnrate API",
      version: pkg.version,
      description:
        "Post LLM usage events; Burnrate prices them exactly from a versioned catalog. Authenticate with `Authorization: Bearer br_live_…`. Money is returned as exact decimal strings in USD.",
    },
    servers: [{ url: "/" }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description:
            "An API key of your organisation; scopes: ingest (post events), read (query spend, chargeback statements and exports), admin (manage budgets, channels and webhooks)",
        },
      },
      schemas: components,
    },
    paths,
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
