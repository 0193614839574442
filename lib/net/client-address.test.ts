import { describe, expect, it } from "vitest";
import { resolveClientAddress } from "./client-address";

describe("client address", () => {
  it("is the socket's address without trusted proxies, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("6.6.6.6", "203.0.113.9", 0)).toBe("203.0.113.9");
    expect(resolveClientAddress(undefined, "::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
  });
  it("is the entry each trusted proxy hop appended, never one the client wrote before them", () => {
    // client forged 6.6.6.6; the real client 198.51.100.7 was appended by the one proxy at 10.0.0.2
    expect(resolveClientAddress("6.6.6.6, 198.51.100.7", "10.0.0.2", 1)).toBe("198.51.100.7");
    expect(resolveClientAddress(["6.6.6.6, 198.51.100.7", "10.0.0.3"], "10.0.0.2", 2)).toBe("198.51.100.7");
    expect(resolveClientAddress(undefined, "10.0.0.2", 1)).toBe("10.0.0.2");
  });
});
