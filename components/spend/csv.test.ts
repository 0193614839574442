import { describe, expect, it } from "vitest";
import { seriesCsv } from "./csv";
import type { SpendResponse } from "./types";

const m = (cost: string, events: number, tokens: [number, number]) => ({
  cost,
  events,
  requests: events,
  inputTokens: tokens[0],
  cachedInputTokens: 0,
  outputTokens: tokens[1],
  reasoningTokens: 0,
});

describe("the series CSV", () => {
  it("has one row per period and group, in time order, exact amounts, unattributed as (none)", () => {
    const data = {
      groupBy: ["team"],
      series: [
        {
          key: { team: "search" },
          total: m("3.5", 3, [30, 3]),
          points: [
            { t: "2026-11-02T00:00:00.000Z", ...m("2.25", 2, [20, 2]) },
            { t: "2026-11-01T00:00:00.000Z", ...m("1.25", 1, [10, 1]) },
          ],
        },
        {
          key: { team: "" },
          total: m("0.000001", 1, [5, 0]),
          points: [{ t: "2026-11-01T00:00:00.000Z", ...m("0.000001", 1, [5, 0]) }],
        },
        {
          key: { team: "=cmd" },
          total: m("1", 1, [1, 1]),
          points: [{ t: "2026-11-02T00:00:00.000Z", ...m("1", 1, [1, 1]) }],
        },
      ],
    } as unknown as SpendResponse;
    expect(seriesCsv(data).split("\r\n")).toEqual([
      "Period start (UTC),Team,Cost (USD),Events,Requests,Tokens",
      "2026-11-01T00:00:00.000Z,search,1.25,1,1,11",
      "2026-11-01T00:00:00.000Z,(none),0.000001,1,1,5",
      "2026-11-02T00:00:00.000Z,search,2.25,2,2,22",
      "2026-11-02T00:00:00.000Z,'=cmd,1,1,1,2",
      "",
    ]);
  });
});
