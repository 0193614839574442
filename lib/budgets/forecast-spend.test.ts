import { describe, expect, it } from "vitest";
import { projectSpend } from "./forecast-spend";

const USD = 1_000_000_000_000n;

describe("projectSpend", () => {
  it("adds the mean hour-of-week spend of the hours left and finds the hour the amount is reached", () => {
    // Every slot held $0.40 over four weeks: $0.10 an hour. At 10:20 with $0.50 spent, 13 whole hours
    // are left (11:00..23:00): projected 0.50 + 1.30 = $1.80; $1.00 is reached at the end of 15:00-16:00.
    const p = projectSpend({
      spentPico: USD / 2n,
      amountPico: USD,
      profile: Array.from({ length: 168 }, () => (4n * USD) / 10n),
      now: new Date("2026-11-10T10:20:00Z"),
      periodEnd: new Date("2026-11-11T00:00:00Z"),
    });
    expect(p.projectedPico).toBe((18n * USD) / 10n);
    expect(p.exceedsAt?.toISOString()).toBe("2026-11-10T16:00:00.000Z");
  });

  it("does not project an excess when the profile is empty", () => {
    const p = projectSpend({
      spentPico: 7n,
      amountPico: 10n,
      profile: Array.from({ length: 168 }, () => 0n),
      now: new Date("2026-11-10T10:20:00Z"),
      periodEnd: new Date("2026-11-30T00:00:00Z"),
    });
    expect(p).toEqual({ projectedPico: 7n, exceedsAt: null });
  });
});
