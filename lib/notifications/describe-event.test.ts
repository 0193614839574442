import { describe, expect, it } from "vitest";
import { describeEvent } from "./describe-event";

describe("describeEvent for anomalies", () => {
  it("says where, how much, against what, since when and mostly what, with a link to the anomaly", () => {
    const s = describeEvent(
      {
        type: "anomaly.detected",
        data: {
          anomaly: { id: "an_1", kind: "spike", monitor: { dimension: "team", value: "search" } },
          summary: "team=search: +$195.20 against expected (spike)",
          start: "2026-11-30T07:00:00.000Z",
          expected: "12.5",
          actual: "207.7",
          impact: "195.2",
          topContributors: [{ dims: { feature: "summarize", model: "gpt-4o" }, excess: "182" }],
        },
      },
      "acme",
      "https://burnrate.example/",
    );
    expect(s.title).toBe("Spend anomaly detected: team=search: +$195.20 against expected (spike)");
    expect(s.fields).toEqual([
      { label: "Impact", value: "+$195.20" },
      { label: "Actual vs expected", value: "$207.70 against $12.50" },
      { label: "Since", value: "2026-11-30 07:00 UTC" },
      { label: "Mostly", value: "feature summarize on model gpt-4o: +$182.00" },
    ]);
    expect(s.link).toBe("https://burnrate.example/acme/anomalies/an_1");
  });
});
