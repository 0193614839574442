import { describe, expect, it } from "vitest";
import { signWebhook } from "./sign-webhook";
import { generateWebhookSecret, openWebhookSecret, sealWebhookSecret, webhookSecretKey } from "./webhook-secret";

// The Standard Webhooks specification's own example (its reference libraries test with it).
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const TS = 1614265330;
const BODY = '{"test": 2432232314}';
const EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
// HMAC-SHA256 of the same content keyed with base64 "c2Vjb25k…" (worked out apart from this code).
const SECOND = "whsec_c2Vjb25kLXNlY3JldC1rZXktMzItYnl0ZXMhIQ==";
const SECOND_SIG = "v1,T7eOtWB4gSveWnIDdy/vwCz6H252s+0Q6qcyVICIw38=";

describe("signWebhook (Standard Webhooks)", () => {
  it("signs id.timestamp.body with the base64-decoded secret: the specification's example", () => {
    expect(signWebhook([SECRET], ID, TS, BODY)).toEqual({
      "webhook-id": ID,
      "webhook-timestamp": "1614265330",
      "webhook-signature": EXPECTED,
    });
  });

  it("during a rotation, signs with both secrets, space-separated, in the given order", () => {
    expect(signWebhook([SECRET, SECOND], ID, TS, BODY)["webhook-signature"]).toBe(`${EXPECTED} ${SECOND_SIG}`);
  });

  it("a secret without the whsec_ prefix is the same key", () => {
    expect(signWebhook([SECRET.slice("whsec_".length)], ID, TS, BODY)["webhook-signature"]).toBe(EXPECTED);
  });

  it("any change to id, timestamp or body changes the signature", () => {
    for (const [id, ts, body] of [
      [`${ID}x`, TS, BODY],
      [ID, TS + 1, BODY],
      [ID, TS, `${BODY} `],
    ] as const)
      expect(signWebhook([SECRET], id, ts, body)["webhook-signature"]).not.toBe(EXPECTED);
  });
});

describe("webhook secrets", () => {
  it("are whsec_ and 32 random bytes in base64, different every time", () => {
    const s = generateWebhookSecret();
    expect(s).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhookSecretKey(s)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(s);
  });

  it("are sealed per organisation: another organisation cannot open them", () => {
    const sealed = sealWebhookSecret("org-a", SECRET);
    expect(sealed).not.toContain("MfKQ9r8");
    expect(openWebhookSecret("org-a", sealed)).toBe(SECRET);
    expect(() => openWebhookSecret("org-b", sealed)).toThrow();
  });
});
