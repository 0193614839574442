import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const T0 = Date.UTC(2026, 9, 5); // a Monday
/** Three weeks of an exactly repeating week ($12.34 nights, $50 business hours), one hour of $300. */
function input() {
  const points = [];
  for (let i = 0; i < 3 * 168; i++) {
    const hod = i % 24;
    const cost = i === 2 * 168 + 24 * 3 + 15 ? "300" : hod >= 9 && hod < 18 ? "50" : "12.34";
    points.push({ t: new Date(T0 + i * 3_600_000).toISOString(), cost });
  }
  return {
    series: [
      { key: "team=search", points },
      { key: "feature=flat", points: points.map((p) => ({ ...p, cost: "1" })) },
    ],
  };
}

function detect(stdin: string) {
  return spawnSync("npm", ["run", "--silent", "detect"], { input: stdin, encoding: "utf8", cwd: process.cwd() });
}

describe("npm run --silent detect", () => {
  it("prints only the JSON of the flagged hours, amounts exact", () => {
    const r = detect(JSON.stringify(input()));
    expect(r.status, r.stderr).toBe(0);
    // Thursday 15:00 of the third week: expected is the value of that hour in the weeks before ($50).
    expect(JSON.parse(r.stdout)).toEqual({
      anomalies: [
        {
          key: "team=search",
          t: "2026-10-22T15:00:00.000Z",
          kind: "spike",
          expected: "50",
          actual: "300",
          impact: "250",
          score: expect.any(Number),
        },
      ],
    });
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("refuses bad input on stderr with the field, exit 2, nothing on stdout", () => {
    const bad = detect(JSON.stringify({ series: [{ key: "x", points: [{ t: "2026-10-01T00:00:00Z", cost: 1.5 }] }] }));
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("series.0.points.0.cost");
    const notJson = detect("{");
    expect(notJson.status).toBe(2);
    expect(notJson.stdout).toBe("");
  });
});
