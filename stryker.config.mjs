// StrykerJS over the modules where a bug costs money or leaks data. Run through `npm run mutate`
// (scripts/mutate.mjs), which sets `mutate`/`testFiles` per module from mutation/modules.mjs and runs
// one module at a time: the machine has two shared cores.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner", "./mutation/ignore-describe.mjs"],
  ignorers: ["describe-text"],
  vitest: { configFile: "mutation/vitest.config.ts", related: false },
  coverageAnalysis: "perTest",
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 1),
  reporters: ["clear-text", "json", "progress-append-only"],
  jsonReporter: { fileName: process.env.MUTATE_REPORT ?? ".data/reports/mutation/mutation.json" },
  timeoutMS: 20_000,
  tempDirName: ".data/stryker-tmp",
  cleanTempDir: true,
  ignorePatterns: [
    ".data",
    ".next",
    "e2e",
    "bench",
    "screenshots",
    "test-results",
    "playwright-report",
    "tools",
    "sdk",
  ],
  thresholds: { high: 90, low: 85, break: null },
  // MUTATE_IGNORE_STATIC=1: skip static mutants (module-level code), each of which re-runs every test file.
  ignoreStatic: process.env.MUTATE_IGNORE_STATIC === "1",
};
