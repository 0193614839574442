import { describe, expect, it } from "vitest";
import { apiUrl } from "./api-url";

describe("apiUrl", () => {
  it("fills and encodes path parameters and drops unset query values", () => {
    expect(apiUrl("/api/orgs/{org}/api-keys/{keyId}", { params: { org: "acme", keyId: "a/b c" } })).toBe(
      "/api/orgs/acme/api-keys/a%2Fb%20c",
    );
    expect(
      apiUrl("/api/orgs/{org}/prices", {
        params: { org: "acme" },
        query: { search: "gpt 4", provider: undefined, page: 2 },
      }),
    ).toBe("/api/orgs/acme/prices?search=gpt+4&page=2");
    expect(apiUrl("/api/orgs/{org}/spend", { params: { org: "x" }, query: { team: ["a", "b"] } })).toBe(
      "/api/orgs/x/spend?team=a&team=b",
    );
    expect(apiUrl("/api/orgs")).toBe("/api/orgs");
  });
  it("refuses a missing parameter", () => {
    expect(() => apiUrl("/api/orgs/{org}/audit", { params: {} as { org: string } })).toThrow(/missing parameter org/);
  });
});
