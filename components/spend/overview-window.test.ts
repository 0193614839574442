import { describe, expect, it } from "vitest";
import { overviewWindow } from "./overview-window";

const iso = (w: ReturnType<typeof overviewWindow>) => [w.from, w.to, w.prevFrom, w.prevTo].map((d) => d.toISOString());

describe("the Overview's window and its previous period", () => {
  it("month to date: the same days of last month", () => {
    expect(iso(overviewWindow("mtd", new Date("2026-11-30T06:00:00Z")))).toEqual([
      "2026-11-01T00:00:00.000Z",
      "2026-11-30T06:00:00.000Z",
      "2026-10-01T00:00:00.000Z",
      "2026-10-30T06:00:00.000Z",
    ]);
  });

  it("month to date on 31 March: last month's part is cut at its end (February)", () => {
    expect(iso(overviewWindow("mtd", new Date("2026-03-31T12:00:00Z")))).toEqual([
      "2026-03-01T00:00:00.000Z",
      "2026-03-31T12:00:00.000Z",
      "2026-02-01T00:00:00.000Z",
      "2026-03-01T00:00:00.000Z",
    ]);
  });

  it("last 7 days: today and the 6 days before, against the 7 days before that, same time of day", () => {
    expect(iso(overviewWindow("7d", new Date("2026-11-30T06:00:00Z")))).toEqual([
      "2026-11-24T00:00:00.000Z",
      "2026-11-30T06:00:00.000Z",
      "2026-11-17T00:00:00.000Z",
      "2026-11-23T06:00:00.000Z",
    ]);
  });
});
