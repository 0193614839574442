import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, KEY_PREFIX, visiblePrefix } from "./key-format";

describe("API key format", () => {
  it("is br_live_ and 24 random bytes in base64url; only the first 12 characters are shown", () => {
    const { secret, prefix, hash } = generateApiKey();
    expect(KEY_PREFIX).toBe("br_live_");
    expect(secret).toMatch(/^br_live_[A-Za-z0-9_-]{32}$/);
    expect(prefix).toBe(secret.slice(0, 12));
    expect(hash).toBe(hashApiKey(secret));
    expect(generateApiKey().secret).not.toBe(secret);
  });

  it("stores the SHA-256 of the secret in hex", () => {
    // sha256("br_live_example-secret"), worked out apart from this code
    expect(hashApiKey("br_live_example-secret")).toBe(
      "995f62534fd3a88ba24818540b7f448030f73949a40e910e1516d86f893ac114",
    );
    expect(visiblePrefix("br_live_abcdefgh")).toBe("br_live_abcd");
  });
});
