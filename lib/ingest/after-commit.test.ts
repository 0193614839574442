import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { afterIngestCommit, ROLLUP_WINDOW_MS } from "./after-commit";

const calls = vi.hoisted(() => ({ list: [] as unknown[][], next: null as null | (() => Promise<unknown>) }));
vi.mock("@/lib/queue/enqueue", () => ({
  enqueue: (...args: unknown[]) => {
    calls.list.push(args);
    return calls.next ? calls.next() : Promise.resolve();
  },
}));

const T0 = 1_800_000_000_000; // a window boundary (divisible by 250)
beforeEach(() => {
  vi.useFakeTimers();
  calls.list = [];
  calls.next = null;
});
afterEach(() => {
  vi.useRealTimers();
});

describe("afterIngestCommit", () => {
  it("enqueues one rollup job per organisation and 250 ms window, delayed to the window's end", async () => {
    expect(ROLLUP_WINDOW_MS).toBe(250);
    vi.setSystemTime(T0 + 100);
    await afterIngestCommit("org-a", 1);
    const w = T0 / 250;
    expect(calls.list).toEqual([["rollup", { orgId: "org-a" }, { jobId: `rollup-org-a-${w}`, delay: 150 }]]);
    vi.setSystemTime(T0 + 249);
    await afterIngestCommit("org-a", 1); // same window: not even asked again
    await afterIngestCommit("org-b", 1); // another organisation is
    vi.setSystemTime(T0 + 250);
    await afterIngestCommit("org-a", 1); // next window
    expect(calls.list.map((c) => (c[2] as { jobId: string; delay: number }).jobId)).toEqual([
      `rollup-org-a-${w}`,
      `rollup-org-b-${w}`,
      `rollup-org-a-${w + 1}`,
    ]);
    expect((calls.list[1]![2] as { delay: number }).delay).toBe(1);
    expect((calls.list[2]![2] as { delay: number }).delay).toBe(250);
    expect(vi.getTimerCount()).toBe(0); // the 2 s timeout is cleared once Redis answered
  });

  it("gives up after 2 s when Redis does not answer, and asks again next time", async () => {
    vi.setSystemTime(T0 + 1000);
    calls.next = () => new Promise(() => {});
    const pending = afterIngestCommit("org-slow", 1);
    const outcome = pending.then(
      () => "resolved",
      (e: Error) => e.message,
    );
    await vi.advanceTimersByTimeAsync(1999);
    await Promise.resolve();
    expect(await Promise.race([outcome, Promise.resolve("pending")])).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toBe("enqueue timed out (Redis unavailable?)");
    calls.next = null;
    await afterIngestCommit("org-slow", 1); // same window, but the first attempt failed
    expect(calls.list).toHaveLength(2);
  });

  it("a failed enqueue is reported and not remembered", async () => {
    vi.setSystemTime(T0 + 5000);
    calls.next = () => Promise.reject(new Error("down"));
    await expect(afterIngestCommit("org-x", 1)).rejects.toThrow("down");
    calls.next = null;
    await afterIngestCommit("org-x", 1);
    expect(calls.list).toHaveLength(2);
  });
});
