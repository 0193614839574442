import { describe, expect, it } from "vitest";
import { matchModel, type CatalogKey } from "./match-model";

const CATALOG: CatalogKey[] = [
  { provider: "google", model: "gemini-2.0-flash", aliases: ["gemini-2.0-flash-001"] },
  { provider: "vertex_ai", model: "gemini-2.0-flash-001", aliases: [] },
  { provider: "google", model: "gemini-2.5-pro", aliases: [] },
];

describe("Vertex AI is its own price list", () => {
  it("prices an event that names Vertex (provider or prefix) from the Vertex entry", () => {
    const vertex = { provider: "vertex_ai", model: "gemini-2.0-flash-001" };
    expect(matchModel("gemini-2.0-flash-001", "vertex_ai", CATALOG)).toEqual(vertex);
    expect(matchModel("gemini-2.0-flash-001", "vertex", CATALOG)).toEqual(vertex);
    expect(matchModel("vertex_ai/gemini-2.0-flash-001", undefined, CATALOG)).toEqual(vertex);
  });

  it("prices an event that does not name Vertex from Google AI Studio, never ambiguous", () => {
    const studio = { provider: "google", model: "gemini-2.0-flash" };
    expect(matchModel("gemini-2.0-flash-001", undefined, CATALOG)).toEqual(studio);
    expect(matchModel("gemini-2.0-flash-001", "google", CATALOG)).toEqual(studio);
    expect(matchModel("gemini/gemini-2.0-flash-001", undefined, CATALOG)).toEqual(studio);
  });

  it("falls back to the AI Studio price when Vertex has no entry of its own", () => {
    expect(matchModel("gemini-2.5-pro", "vertex_ai", CATALOG)).toEqual({ provider: "google", model: "gemini-2.5-pro" });
  });
});
