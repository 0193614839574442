import { describe, expect, it } from "vitest";
import { EnvError, parseBaseEnv, parseEnv } from "./schema";

const valid = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/burnrate",
  REDIS_URL: "redis://127.0.0.1:6379",
  NEXTAUTH_SECRET: "x".repeat(32),
};

function failure(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (err) {
    if (err instanceof EnvError) return err;
    throw err;
  }
  throw new Error("expected parseEnv to fail");
}

const STRONG_KEY = "br_live_Q3v9xK2mT7pL0aZr5YcN8wEh1uJd4gSb";

describe("parseEnv", () => {
  it("accepts a minimal valid configuration and fills defaults", () => {
    const env = parseEnv(valid);
    expect(env.PORT).toBe(3000);
    expect(env.QUEUE_PREFIX).toBe("burnrate");
    expect(env.NEXTAUTH_URL).toBe("http://localhost:3000");
    expect(env.RATE_LIMIT_PER_MINUTE).toBe(3000);
  });

  it.each(["DATABASE_URL", "REDIS_URL", "NEXTAUTH_SECRET"])("names %s when it is missing", (name) => {
    const err = failure({ ...valid, [name]: undefined });
    expect(err.variables.map((v) => v.name)).toEqual([name]);
    expect(err.message).toContain(`${name}: is required but not set`);
  });

  it("names every malformed variable at once", () => {
    const err = failure({
      ...valid,
      DATABASE_URL: "mysql://x/y",
      REDIS_URL: "not a url",
      PORT: "70000",
      NEXTAUTH_SECRET: "short",
    });
    expect(err.variables.map((v) => v.name).sort()).toEqual(["DATABASE_URL", "NEXTAUTH_SECRET", "PORT", "REDIS_URL"]);
  });

  it("treats an empty string as unset", () => {
    expect(failure({ ...valid, REDIS_URL: "" }).variables[0]?.name).toBe("REDIS_URL");
  });

  it("requires the headless-init variables together", () => {
    const err = failure({ ...valid, BURNRATE_INIT_ORG_SLUG: "acme" });
    expect(err.variables.map((v) => v.name).sort()).toEqual([
      "BURNRATE_INIT_USER_EMAIL",
      "BURNRATE_INIT_USER_PASSWORD",
    ]);
    expect(failure({ ...valid, BURNRATE_INIT_API_KEY: STRONG_KEY }).variables[0]?.name).toBe("BURNRATE_INIT_ORG_SLUG");
    const full = parseEnv({
      ...valid,
      BURNRATE_INIT_ORG_SLUG: "acme",
      BURNRATE_INIT_USER_EMAIL: "ops@acme.test",
      BURNRATE_INIT_USER_PASSWORD: "password123",
      BURNRATE_INIT_API_KEY: STRONG_KEY,
    });
    expect(full.BURNRATE_INIT_ORG_SLUG).toBe("acme");
  });

  it("rejects an initial API key weaker than a generated one", () => {
    const init = {
      ...valid,
      BURNRATE_INIT_ORG_SLUG: "acme",
      BURNRATE_INIT_USER_EMAIL: "a@b.co",
      BURNRATE_INIT_USER_PASSWORD: "password123",
    };
    for (const weak of ["br_live_abcdefghijklmnop", `br_live_${"ab".repeat(20)}`]) {
      expect(failure({ ...init, BURNRATE_INIT_API_KEY: weak }).variables[0]?.name).toBe("BURNRATE_INIT_API_KEY");
    }
    expect(parseEnv({ ...init, BURNRATE_INIT_API_KEY: STRONG_KEY }).BURNRATE_INIT_API_KEY).toBe(STRONG_KEY);
  });

  it("rejects a malformed initial API key", () => {
    const err = failure({
      ...valid,
      BURNRATE_INIT_ORG_SLUG: "acme",
      BURNRATE_INIT_USER_EMAIL: "a@b.co",
      BURNRATE_INIT_USER_PASSWORD: "password123",
      BURNRATE_INIT_API_KEY: "sk-123",
    });
    expect(err.variables[0]?.name).toBe("BURNRATE_INIT_API_KEY");
  });
});

describe("parseBaseEnv", () => {
  it("needs no database or secret and fills the logger's defaults", () => {
    expect(parseBaseEnv({})).toEqual({ NODE_ENV: "development", LOG_LEVEL: "info", BURNRATE_PROCESS: "web" });
    expect(parseBaseEnv({ LOG_LEVEL: "debug", BURNRATE_PROCESS: "worker" })).toMatchObject({
      LOG_LEVEL: "debug",
      BURNRATE_PROCESS: "worker",
    });
  });

  it("names a malformed LOG_LEVEL", () => {
    let caught: unknown;
    try {
      parseBaseEnv({ LOG_LEVEL: "loud" });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(EnvError);
    expect((caught as EnvError).variables.map((v) => v.name)).toEqual(["LOG_LEVEL"]);
  });

  it("is the same rule as the full schema for LOG_LEVEL", () => {
    expect(failure({ ...valid, LOG_LEVEL: "loud" }).variables.map((v) => v.name)).toEqual(["LOG_LEVEL"]);
  });
});
