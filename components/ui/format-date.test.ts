import { describe, expect, it } from "vitest";
import { formatDateTime, formatDay } from "./format-date";

describe("the app's date format", () => {
  it("writes days as 24 Nov 2026 (UTC), from a day or a timestamp", () => {
    expect(formatDay("2026-11-24")).toBe("24 Nov 2026");
    expect(formatDay("2026-11-24T23:59:59Z")).toBe("24 Nov 2026");
    expect(formatDay(new Date("2026-03-01T00:00:00Z"))).toBe("1 Mar 2026");
    expect(formatDay(null)).toBe("—");
    expect(formatDay("soon")).toBe("soon");
    expect(formatDateTime("2026-11-24T07:05:00Z")).toBe("24 Nov 2026, 07:05 UTC");
  });
});
