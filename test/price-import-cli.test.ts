// `npm run prices:import` as an operator runs it (scripts/import-prices.ts in a child process, with the
// run's database): the 30-day impact and the sanity checks are printed, and --apply refuses what the
// checks flag unless --confirm.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { closeConnections } from "./support/close-connections";
import { resetCatalog } from "./support/reset-catalog";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURE = path.join(ROOT, "test/fixtures/litellm-excerpt.json");

beforeAll(resetCatalog);
afterAll(async () => {
  await resetCatalog();
  await closeConnections();
});

function importPrices(...args: string[]) {
  const r = spawnSync("npx", ["tsx", "scripts/import-prices.ts", FIXTURE, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: inject("databaseUrl"), REDIS_URL: inject("redisUrl") },
    encoding: "utf8",
    timeout: 90_000,
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

const flash = () =>
  db().modelPrice.findFirstOrThrow({ where: { provider: "deepseek", model: "deepseek-flash", effectiveTo: null } });

describe("npm run prices:import", () => {
  it("prints each change with its 30-day impact and what needs confirmation; --apply refuses it without --confirm", async () => {
    const preview = importPrices();
    expect(preview.status, preview.out).toBe(0);
    expect(preview.out).toMatch(/^added 3, changed 2, removed 0, unchanged \d+, invalid 0, needing confirmation 1$/m);
    expect(preview.out).toContain("~ deepseek/deepseek-flash [as deepseek-chat]: in 0.30 / out 1.20 / cached 0.006");
    expect(preview.out).toContain("? deepseek/deepseek-flash: cachedInput changes more than 5x: 0.006 → 0.07");
    expect(preview.out).toMatch(/^last 30 days: \d+ events would be priced differently/m);

    const refused = importPrices("--apply");
    expect(refused.status).toBe(1);
    expect(refused.out).toContain("refused: 1 suspicious change(s) need confirmation; add --confirm");
    expect((await flash()).prices).toMatchObject({ input: "0.30" });

    const applied = importPrices("--apply", "--confirm");
    expect(applied.status, applied.out).toBe(0);
    expect(applied.out).toMatch(/^applied; \d+ re-pricing run\(s\) queued\.$/m);
    expect((await flash()).prices).toMatchObject({ input: "0.27", cachedInput: "0.07" });
  });
});
