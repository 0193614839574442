import { describe, expect, it } from "vitest";
import { createApiKeyInput } from "./create-api-key";

const issue = (input: Record<string, unknown>) => {
  const r = createApiKeyInput.safeParse({ name: "svc", scopes: ["read"], ...input });
  return r.success ? "ok" : `${r.error.issues[0]!.path.join(".")}: ${r.error.issues[0]!.message}`;
};
const x = (n: number) => "x".repeat(n);

describe("API key creation input", () => {
  it.each([
    [{ name: x(100) }, "ok"],
    [{ name: x(101) }, "name: Too big: expected string to have <=100 characters"],
    [{ name: "   " }, "name: give the key a name"],
    [{ scopes: ["ingest", "read", "admin"] }, "ok"],
    [{ scopes: [] }, "scopes: choose at least one scope"],
    [{ scopes: ["ingest", "read", "admin", "read"] }, "scopes: Too big: expected array to have <=3 items"],
    [{ scopes: ["write"] }, 'scopes.0: Invalid option: expected one of "ingest"|"read"|"admin"'],
    [{ defaultAttribution: { team: x(200), feature: "f", customer: "c", environment: "e" } }, "ok"],
    [
      { defaultAttribution: { team: x(201) } },
      "defaultAttribution.team: Too big: expected string to have <=200 characters",
    ],
    [
      { defaultAttribution: { feature: " " } },
      "defaultAttribution.feature: Too small: expected string to have >=1 characters",
    ],
    [{ defaultAttribution: { orgId: "x" } }, 'defaultAttribution: Unrecognized key: "orgId"'],
    [{ orgId: "x" }, ': Unrecognized key: "orgId"'],
  ])("%j → %s", (input, expected) => {
    expect(issue(input)).toBe(expected);
  });

  it("trims the name and attribution", () => {
    const r = createApiKeyInput.parse({ name: " svc ", scopes: ["ingest"], defaultAttribution: { customer: " c1 " } });
    expect([r.name, r.defaultAttribution?.customer]).toEqual(["svc", "c1"]);
  });
});
