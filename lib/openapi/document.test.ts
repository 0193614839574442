import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";

describe("OpenAPI document", () => {
  it("is 3.1 and describes the event from the zod schema", () => {
    const doc = openApiDocument();
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
    expect(Object.keys(doc.paths["/api/v1/events"].post.responses)).toEqual(
      expect.arrayContaining(["202", "207", "400", "413"]),
    );
  });
});
