import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./secret-box";

const key = randomBytes(32);

describe("secret box (AES-256-GCM)", () => {
  it("round-trips and never contains the plaintext", () => {
    const sealed = encryptSecret("https://hooks.slack.com/services/T1/B2/xyz", "org1/slack", key);
    expect(sealed).not.toContain("hooks.slack.com");
    expect(decryptSecret(sealed, "org1/slack", key)).toBe("https://hooks.slack.com/services/T1/B2/xyz");
  });
  it("two encryptions of one secret differ (random nonce)", () => {
    expect(encryptSecret("s", "c", key)).not.toBe(encryptSecret("s", "c", key));
  });
  it("refuses another context, another key and a flipped bit", () => {
    const sealed = encryptSecret("whsec_abc", "org1/webhook", key);
    expect(() => decryptSecret(sealed, "org2/webhook", key)).toThrow();
    expect(() => decryptSecret(sealed, "org1/webhook", randomBytes(32))).toThrow();
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1]! ^= 1;
    expect(() => decryptSecret(`v1.${raw.toString("base64")}`, "org1/webhook", key)).toThrow();
  });
});
