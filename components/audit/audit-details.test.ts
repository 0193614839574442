import { describe, expect, it } from "vitest";
import { actionLabel, auditDetails } from "./audit-details";

describe("audit entries for people", () => {
  it("shows what was done, without internal keys, ids or JSON", () => {
    expect(auditDetails({ name: "prod", scopes: ["ingest", "read"] })).toBe("name: prod · scopes: ingest, read");
    expect(auditDetails({ email: "a@b.c", role: "OWNER", via: "headless-init" })).toBe("email: a@b.c · role: OWNER");
    expect(auditDetails({ fields: ["amount", "thresholds"] })).toBe("changed: amount, thresholds");
    expect(auditDetails({ email: "x@y.z", revokedApiKeys: [] })).toBe("email: x@y.z");
    expect(auditDetails({ revokedApiKeys: ["a", "b"] })).toBe("revoked API keys: a, b");
    expect(auditDetails(null)).toBe("");
    expect(auditDetails(["x"])).toBe("");
  });

  it("names actions in words", () => {
    expect(actionLabel("api_key.created")).toBe("API key created");
    expect(actionLabel("member.role_changed")).toBe("Member role changed");
    expect(actionLabel("webhook.rotate_secret")).toBe("Webhook rotate secret");
  });
});
