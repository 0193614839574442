// Browser tests in Debian's Chromium (never a Playwright browser download).
// e2e/global-setup.ts gives each run its own database (burnrate_e2e_<run id>) and QUEUE_PREFIX,
// builds the app if needed and starts `next start` plus the worker on a free port; its teardown
// stops them and drops the database. Run through `npm test` (or `npx playwright test`).
import { defineConfig, devices } from "@playwright/test";

// This file is evaluated in the runner and again in each test worker: fix the run id once, in the
// runner, so that every evaluation agrees (workers inherit the runner's environment).
// Format <UTC yyyymmddhhmmss>_<4 hex>, so that databases of killed runs can be recognised as stale.
process.env.BURNRATE_E2E_RUN_ID ??= `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${Math.random().toString(16).slice(2, 6)}`;

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  globalSetup: "./e2e/global-setup.ts",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    // Set by global-setup (it picks a free port) before the test workers start.
    baseURL: process.env.BURNRATE_E2E_BASE_URL ?? "http://127.0.0.1:3100",
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
});
