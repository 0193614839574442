// The package builds as published (tsc → dist/, ESM with declarations) and its entry point works from dist.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };

const SDK = path.resolve(import.meta.dirname, "..");

it("builds with tsc into dist/ and exports Burnrate and BudgetExceededError", async () => {
  rmSync(path.join(SDK, "dist"), { recursive: true, force: true });
  const tsc = path.resolve(SDK, "../node_modules/typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", path.join(SDK, "tsconfig.json")], { stdio: "pipe" });
  expect(pkg.name).toBe("@burnrate/sdk");
  for (const f of [pkg.main, pkg.types]) expect(existsSync(path.join(SDK, f)), f).toBe(true);
  expect(existsSync(path.join(SDK, "dist/token-usage.test.js"))).toBe(false);
  const mod = await import(pathToFileURL(path.join(SDK, pkg.main)).href);
  const br = new mod.Burnrate({ apiKey: "br_live_x", baseUrl: "http://127.0.0.1:9", flushOnExit: false });
  expect(br.stats).toEqual({ sent: 0, dropped: 0, rejected: 0, queued: 0 });
  await br.shutdown();
  expect(
    new mod.BudgetExceededError(
      { name: "b", id: "1", remaining: "0", amount: "1", period: "day" },
      "2026-01-01T00:00:00Z",
    ),
  ).toBeInstanceOf(Error);
}, 120_000);
