import { describe, expect, it } from "vitest";
import { isTimeZone, localMidnight, periodAt, periodsBetween, previousPeriod } from "./budget-period";

// Every expected value below was worked out by hand from the zones' rules (tzdata 2026):
// Europe/Berlin CET +1, CEST +2 from 2026-03-29 02:00 to 2026-10-25 03:00 local;
// America/Havana -5, -4 from 2026-03-08 00:00 (clocks jump to 01:00) to 2026-11-01 01:00 (back to 00:00);
// America/New_York EST -5 / EDT -4 (2026-03-08 to 2026-11-01); Asia/Kolkata +05:30, no DST.
const at = (iso: string) => new Date(iso);
const iso = (p: { start: Date; end: Date }) => [p.start.toISOString(), p.end.toISOString()];

describe("budget periods", () => {
  it("calendar month and day in UTC", () => {
    expect(iso(periodAt({ period: "month" }, "UTC", at("2026-11-29T12:00:00Z")))).toEqual([
      "2026-11-01T00:00:00.000Z",
      "2026-12-01T00:00:00.000Z",
    ]);
    expect(iso(periodAt({ period: "day" }, "UTC", at("2026-11-29T23:59:59.999Z")))).toEqual([
      "2026-11-29T00:00:00.000Z",
      "2026-11-30T00:00:00.000Z",
    ]);
  });

  it("a day that springs forward lasts 23 hours, one that falls back 25 (Berlin)", () => {
    expect(iso(periodAt({ period: "day" }, "Europe/Berlin", at("2026-03-29T12:00:00Z")))).toEqual([
      "2026-03-28T23:00:00.000Z",
      "2026-03-29T22:00:00.000Z",
    ]);
    expect(iso(periodAt({ period: "day" }, "Europe/Berlin", at("2026-10-25T12:00:00Z")))).toEqual([
      "2026-10-24T22:00:00.000Z",
      "2026-10-25T23:00:00.000Z",
    ]);
  });

  it("a midnight that does not exist starts the day at the jump; a repeated one at its first occurrence (Havana)", () => {
    expect(iso(periodAt({ period: "day" }, "America/Havana", at("2026-03-08T12:00:00Z")))).toEqual([
      "2026-03-08T05:00:00.000Z",
      "2026-03-09T04:00:00.000Z",
    ]);
    // 05:30Z is the second 00:30 of 1 November: the day still began at the first midnight.
    expect(iso(periodAt({ period: "day" }, "America/Havana", at("2026-11-01T05:30:00Z")))).toEqual([
      "2026-11-01T04:00:00.000Z",
      "2026-11-02T05:00:00.000Z",
    ]);
  });

  it("weeks start on Monday, across DST and the new year", () => {
    // Sunday 29 Nov 2026 -> Monday 23 Nov 00:00 CET.
    expect(iso(periodAt({ period: "week" }, "Europe/Berlin", at("2026-11-29T12:00:00Z")))).toEqual([
      "2026-11-22T23:00:00.000Z",
      "2026-11-29T23:00:00.000Z",
    ]);
    expect(iso(periodAt({ period: "week" }, "Europe/Berlin", at("2026-03-29T12:00:00Z")))).toEqual([
      "2026-03-22T23:00:00.000Z",
      "2026-03-29T22:00:00.000Z",
    ]);
    // Friday 1 Jan 2027 -> Monday 28 Dec 2026.
    expect(iso(periodAt({ period: "week" }, "UTC", at("2027-01-01T08:00:00Z")))).toEqual([
      "2026-12-28T00:00:00.000Z",
      "2027-01-04T00:00:00.000Z",
    ]);
  });

  it("months and quarters in the organisation's zone, not UTC", () => {
    // 03:00Z on 1 Jan 2027 is still 31 Dec 22:00 in New York.
    expect(iso(periodAt({ period: "month" }, "America/New_York", at("2027-01-01T03:00:00Z")))).toEqual([
      "2026-12-01T05:00:00.000Z",
      "2027-01-01T05:00:00.000Z",
    ]);
    expect(iso(periodAt({ period: "quarter" }, "America/New_York", at("2026-11-15T12:00:00Z")))).toEqual([
      "2026-10-01T04:00:00.000Z",
      "2027-01-01T05:00:00.000Z",
    ]);
    expect(iso(periodAt({ period: "month" }, "Asia/Kolkata", at("2026-11-30T18:29:00Z")))).toEqual([
      "2026-10-31T18:30:00.000Z",
      "2026-11-30T18:30:00.000Z",
    ]);
  });

  it("custom periods start on their day of the month", () => {
    const spec = { period: "custom" as const, startDay: 15 };
    expect(iso(periodAt(spec, "UTC", at("2026-11-10T00:00:00Z")))).toEqual([
      "2026-10-15T00:00:00.000Z",
      "2026-11-15T00:00:00.000Z",
    ]);
    expect(iso(periodAt(spec, "UTC", at("2026-11-15T00:00:00Z")))).toEqual([
      "2026-11-15T00:00:00.000Z",
      "2026-12-15T00:00:00.000Z",
    ]);
    expect(iso(periodAt({ period: "custom", startDay: 28 }, "UTC", at("2026-03-01T00:00:00Z")))).toEqual([
      "2026-02-28T00:00:00.000Z",
      "2026-03-28T00:00:00.000Z",
    ]);
    // Across the new year, in Berlin: 10 Jan 2027 -> from 25 Dec 2026 00:00 CET.
    expect(iso(periodAt({ period: "custom", startDay: 25 }, "Europe/Berlin", at("2027-01-10T00:00:00Z")))).toEqual([
      "2026-12-24T23:00:00.000Z",
      "2027-01-24T23:00:00.000Z",
    ]);
  });

  it("previous periods and the periods between two instants", () => {
    const spec = { period: "day" as const };
    const p = periodAt(spec, "UTC", at("2026-11-29T12:00:00Z"));
    expect(iso(previousPeriod(spec, "UTC", p))).toEqual(["2026-11-28T00:00:00.000Z", "2026-11-29T00:00:00.000Z"]);
    const between = periodsBetween(spec, "UTC", at("2026-11-27T05:00:00Z"), at("2026-11-29T12:00:00Z"));
    expect(between.map((x) => x.start.toISOString())).toEqual([
      "2026-11-27T00:00:00.000Z",
      "2026-11-28T00:00:00.000Z",
      "2026-11-29T00:00:00.000Z",
    ]);
  });

  it("zones east of UTC whose clocks change at midnight (Beirut): the day starts at the jump", () => {
    // 2026-03-29 00:00 does not exist in Beirut (clocks go 00:00 → 01:00 EEST): the day starts at 22:00Z.
    expect(localMidnight(2026, 3, 29, "Asia/Beirut").toISOString()).toBe("2026-03-28T22:00:00.000Z");
    // 2026-10-25: 00:00 EEST becomes 23:00 EET, so 00:00 of the 25th exists once, in EET.
    expect(localMidnight(2026, 10, 25, "Asia/Beirut").toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(localMidnight(2026, 10, 24, "Asia/Beirut").toISOString()).toBe("2026-10-23T21:00:00.000Z");
  });

  it("knows real time zones only", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
  });

  it("periodsBetween stops at the period holding `from` and keeps at most `max`", () => {
    const from = new Date("2026-01-02T00:00:00Z");
    const to = new Date("2026-01-04T12:00:00Z");
    const days = periodsBetween({ period: "day" }, "UTC", from, to);
    expect(days.map((p) => p.start.toISOString().slice(0, 10))).toEqual(["2026-01-02", "2026-01-03", "2026-01-04"]);
    expect(periodsBetween({ period: "day" }, "UTC", new Date("2025-01-01T00:00:00Z"), to, 2)).toHaveLength(2);
  });
});
