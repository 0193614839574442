import { describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log";
import { enforceRateLimit } from "./rate-limit";

// Redis down: every command fails.
vi.mock("@/lib/redis/connection", async (real) => ({
  ...(await real<typeof import("@/lib/redis/connection")>()),
  redis: () => ({
    multi: () => ({
      incrby() {
        return this;
      },
      expire() {
        return this;
      },
      exec: async () => {
        throw new Error("connection refused");
      },
    }),
  }),
}));

describe("rate limit during a Redis outage", () => {
  it("lets the request through and says so in the log", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
    await expect(enforceRateLimit("key:k1", 0)).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      { err: expect.any(Error), subject: "key:k1" },
      "rate limit unavailable (Redis); allowing the request",
    );
    warn.mockRestore();
  });
});
