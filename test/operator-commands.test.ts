// Operator commands (npm run prices:import, db:*, bench:*, worker) find Postgres, Redis and the
// generated secret the way `npm start` does (scripts/with-services.mjs), and say in one line what is
// missing when they cannot. Runs the real `npm run prices:import` in a child process.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURE = path.join(ROOT, "test/fixtures/prices-operator.json");

beforeAll(installShippedCatalogIfEmpty);
afterAll(disconnectDb);

function pricesImport(env: NodeJS.ProcessEnv) {
  const r = spawnSync("npm", ["run", "prices:import", "--", FIXTURE], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: 90_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The test's environment with the three variables emptied (an empty value counts as unset, and keeps
 * .env / .env.local from filling them in). Discovery is pointed at the run's own database and server
 * (never the developer's `burnrate` database) through the knobs npm start reads.
 */
function envWithoutServices(): NodeJS.ProcessEnv {
  const db = new URL(inject("databaseUrl"));
  const redis = new URL(inject("redisUrl"));
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: "", REDIS_URL: "", NEXTAUTH_SECRET: "" };
  if (db.password || db.username !== "postgres" || !["127.0.0.1", "localhost"].includes(db.hostname)) {
    // A server that needs a password cannot be discovered: hand over its URL (the rest is still resolved).
    env.DATABASE_URL = db.toString();
  }
  env.BURNRATE_PROBE_PG_PORT = db.port || "5432";
  env.BURNRATE_DATABASE_NAME = db.pathname.slice(1);
  env.BURNRATE_PROBE_REDIS_PORT = redis.port || "6379";
  return env;
}

describe("operator commands", () => {
  it("npm run prices:import previews the diff with DATABASE_URL, REDIS_URL and NEXTAUTH_SECRET unset", async () => {
    const r = pricesImport(envWithoutServices());
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.status, r.stderr).toBe(0);
    // The fixture's one model at $1.25 / $5 per 1M tokens (1.25e-6 and 5e-6 per token), new to the catalog.
    expect(r.stdout).toMatch(/^added 1, changed 0, /m);
    expect(r.stdout).toContain("+ openai/operator-fixture-model: in 1.25 / out 5");
    expect(r.stdout).toContain("dry run: nothing changed");
    expect(await db().modelPrice.count({ where: { model: "operator-fixture-model" } })).toBe(0);
  });

  it("says in one line that Postgres does not answer, without a stack trace", () => {
    const r = pricesImport({ ...envWithoutServices(), DATABASE_URL: "postgresql://postgres@127.0.0.1:1/burnrate" });
    expect(r.status).not.toBe(0);
    const own = `${r.stdout}\n${r.stderr}`
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("npm ") && !l.startsWith(">"));
    expect(own).toHaveLength(1);
    expect(own[0]).toMatch(
      /error: Postgres at DATABASE_URL \(postgresql:\/\/postgres@127\.0\.0\.1:1\/burnrate\) does not answer/,
    );
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).not.toContain("added");
  });
});
