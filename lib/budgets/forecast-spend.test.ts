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

  const flat = (v: bigint) => Array.from({ length: 168 }, () => v);

  it("an amount already reached is exceeded now", () => {
    const now = new Date("2026-11-10T10:20:00Z");
    const p = projectSpend({
      spentPico: 10n,
      amountPico: 10n,
      profile: flat(0n),
      now,
      periodEnd: new Date("2026-11-11T00:00:00Z"),
    });
    expect(p).toEqual({ projectedPico: 10n, exceedsAt: now });
  });

  it("counts only whole hours after the current one, up to a period end inside an hour", () => {
    // 10:20 → the hours 11:00 and 12:00 start before 12:30; each adds a mean of 1 pico (4 over four weeks).
    const p = projectSpend({
      spentPico: 0n,
      amountPico: 2n,
      profile: flat(4n),
      now: new Date("2026-11-10T10:20:00Z"),
      periodEnd: new Date("2026-11-10T12:30:00Z"),
    });
    expect(p).toEqual({ projectedPico: 2n, exceedsAt: new Date("2026-11-10T12:30:00Z") });
    const short = projectSpend({
      spentPico: 0n,
      amountPico: 2n,
      profile: flat(4n),
      now: new Date("2026-11-10T10:20:00Z"),
      periodEnd: new Date("2026-11-10T12:00:00Z"),
    });
    expect(short).toEqual({ projectedPico: 1n, exceedsAt: null });
  });

  it("rounds the projection half up to a pico, and reads the slot of each hour of the week", () => {
    const at = (profile: bigint[]) =>
      projectSpend({
        spentPico: 0n,
        amountPico: 100n,
        profile,
        now: new Date("2026-11-10T10:20:00Z"),
        periodEnd: new Date("2026-11-10T12:00:00Z"), // one hour left: 11:00
      }).projectedPico;
    expect(at(flat(2n))).toBe(1n); // 2/4 = 0.5 → 1
    expect(at(flat(1n))).toBe(0n); // 0.25 → 0
    const slot = (Date.UTC(2026, 10, 10, 11) / 3_600_000) % 168;
    const one = flat(0n);
    one[slot] = 40n;
    expect(at(one)).toBe(10n);
    one[slot] = 0n;
    one[(slot + 1) % 168] = 40n;
    expect(at(one)).toBe(0n);
  });
});
