import { describe, expect, it } from "vitest";
// @ts-expect-error: an ES module of scripts/ without type declarations
import { appEnv } from "../scripts/boot.mjs";

describe("the web app's and worker's environment", () => {
  it("carries no BURNRATE_INIT_* secret once the headless init is done", () => {
    const env = {
      DATABASE_URL: "postgresql://x",
      BURNRATE_INIT_USER_PASSWORD: "secret",
      BURNRATE_INIT_API_KEY: "br_live_secret",
      BURNRATE_INIT_ORG_SLUG: "acme",
      BURNRATE_OPERATOR_EMAILS: "ops@x.test",
    };
    expect(appEnv(env)).toEqual({ DATABASE_URL: "postgresql://x", BURNRATE_OPERATOR_EMAILS: "ops@x.test" });
  });
});
