import { describe, expect, it } from "vitest";
import { CONTRACTS } from "@/lib/contracts";
import { openApiDocument } from "./document";

type Node = Record<string, unknown>;

/** Every object property and parameter of the document that has no description, by JSON path. */
function undescribed(doc: unknown): string[] {
  const missing: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => {
        walk(n, `${path}[${i}]`);
      });
      return;
    }
    if (!node || typeof node !== "object") return;
    const n = node as Node;
    if (n.properties && typeof n.properties === "object") {
      for (const [name, prop] of Object.entries(n.properties as Record<string, Node>)) {
        if (!prop.description) missing.push(`${path}.properties.${name}`);
      }
    }
    if (typeof n.in === "string" && typeof n.name === "string" && !n.description) missing.push(path);
    for (const [k, v] of Object.entries(n)) walk(v, `${path}.${k}`);
  };
  walk(doc, "$");
  return missing;
}

describe("OpenAPI document", () => {
  const doc = openApiDocument();

  it("covers every /api/v1 and /api/otel route of the contracts, and only those", () => {
    const expected = CONTRACTS.filter((c) => c.path.startsWith("/api/v1/") || c.path.startsWith("/api/otel/")).map(
      (c) => `${c.method} ${c.path}`,
    );
    const listed = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(listed.sort()).toEqual(expected.sort());
    expect(listed).toEqual(expect.arrayContaining(["POST /api/v1/events", "GET /api/v1/spend", "GET /api/v1/me"]));
  });

  it("describes every property and parameter", () => {
    expect(undescribed(doc)).toEqual([]);
    // The walker itself finds a property without a description.
    expect(undescribed({ a: { properties: { x: { type: "string" } } } })).toEqual(["$.a.properties.x"]);
  });

  it("is 3.1 and describes the event from the zod schema", () => {
    expect(doc.openapi).toBe("3.1.0");
    const event = doc.components.schemas.UsageEvent as {
      required: string[];
      properties: Record<string, { description?: string }>;
      additionalProperties: boolean;
    };
    expect(event.required).toEqual(
      expect.arrayContaining(["eventId", "timestamp", "provider", "model", "inputTokens", "outputTokens"]),
    );
    expect(event.required).not.toContain("team");
    expect(event.additionalProperties).toBe(false);
    expect(event.properties.inputTokens?.description).toContain("excludes cachedInputTokens");
    const events = doc.paths["/api/v1/events"]!.post as { responses: Record<string, unknown> };
    expect(Object.keys(events.responses)).toEqual(
      expect.arrayContaining(["202", "207", "400", "401", "403", "413", "415", "429"]),
    );
  });

  it("lists error codes from the one enum and the key scope each route needs", () => {
    const error = doc.components.schemas.Error as {
      properties: { error: { properties: { code: { enum: string[] } } } };
    };
    expect(error.properties.error.properties.code.enum).toContain("rate_limited");
    const spend = doc.paths["/api/v1/spend"]!.get as { security: unknown; parameters: { name: string }[] };
    expect(spend.security).toEqual([{ apiKey: ["read"] }]);
    expect(spend.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["from", "to", "groupBy", "team"]));
  });
});
