import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback-url";

const ORIGIN = "https://burnrate.example";

describe("callbackUrl after sign-in", () => {
  it.each([
    "//evil.example/phish",
    "/\\evil.example/phish",
    "\\\\evil.example",
    "https://evil.example/",
    "http:evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
    "/%5Cevil.example".replace("%5C", "\\"),
    "",
  ])("refuses %j", (raw) => {
    expect(safeCallbackPath(raw, "/home", ORIGIN)).toBe("/home");
  });

  it("keeps same-origin paths, and percent-encoded slashes stay a path of this site", () => {
    expect(safeCallbackPath("/acme/explore?groupBy=team#x", "/", ORIGIN)).toBe("/acme/explore?groupBy=team#x");
    expect(safeCallbackPath("/%2F%2Fevil.example", "/", ORIGIN)).toBe("/%2F%2Fevil.example");
    expect(safeCallbackPath("/%5Cevil.example", "/", ORIGIN)).toBe("/%5Cevil.example");
  });
});
