// `npm test`: unit/integration tests (vitest) then browser tests (Playwright, real Chromium), against
// the Postgres and Redis that scripts/services.mjs resolves. Ends with exactly one line
// `tests: N passed, M failed` (`, K skipped` when some were skipped) and exits non-zero if anything
// failed or no test ran. N counts tests, not the prices.json data checks (their own line above it);
// M counts every failure, data checks included.
//
//   npm test                  both halves
//   npm test -- --unit        vitest only      npm test -- --unit lib/env     (extra args go to vitest)
//   npm test -- --e2e         Playwright only  npm test -- --e2e e2e/health.spec.ts
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  DATA_DIR,
  createLog,
  dim,
  green,
  killChildGroups,
  loadDotEnv,
  maskUrl,
  red,
  newRunId,
  prepareServices,
  runBin,
  signalChildren,
  step as timedStep,
  withDatabase,
  yellow,
} from "./services.mjs";

const log = createLog("test");
const t0 = performance.now();
const argv = process.argv.slice(2);
const onlyUnit = argv.includes("--unit");
const onlyE2e = argv.includes("--e2e");
const runUnit = onlyUnit || !onlyE2e;
const runE2e = onlyE2e || !onlyUnit;
const extra = argv.filter((a) => a !== "--unit" && a !== "--e2e");
const REPORTS = path.join(DATA_DIR, "reports");
const VITEST_JSON = path.join(REPORTS, "vitest.json");
const PLAYWRIGHT_JSON = path.join(REPORTS, "playwright.json");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Files whose cases check data (the shipped price catalog), not code: reported on their own line and
// left out of the passed count of the totals line (a failed one still counts as failed).
const DATA_CHECK_FILES = ["lib/pricing/catalog/prices.test.ts"];

let stopRequested = null;
let firstSignalAt = 0;
function onSignal(signal) {
  const now = Date.now();
  if (firstSignalAt && now - firstSignalAt < 1500) return; // npm forwards the terminal's SIGINT again
  if (firstSignalAt) {
    killChildGroups();
    return;
  }
  firstSignalAt = now;
  stopRequested = signal;
  log(`${signal} received: stopping the running tests (again to force)`);
  signalChildren(signal);
}
process.on("SIGINT", () => onSignal("SIGINT"));
process.on("SIGTERM", () => onSignal("SIGTERM"));

function step(name, fn) {
  if (stopRequested) throw new Error(`interrupted before ${name}`);
  return timedStep(log, name, fn);
}

/** One runner's outcome. `errors` are failures outside of counted tests (crash, load error, …). */
const results = []; // { name, passed, failed, skipped, flaky, errors: string[] }

function readJsonReport(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function parseVitest(report, exitCode) {
  const r = { name: "unit (vitest)", passed: 0, failed: 0, skipped: 0, flaky: 0, errors: [] };
  if (!report) {
    r.errors.push(`vitest wrote no report (exit code ${exitCode})`);
    return r;
  }
  r.passed = report.numPassedTests ?? 0;
  r.failed = report.numFailedTests ?? 0;
  r.skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  const data = {
    name: "data checks (prices.json)",
    passed: 0,
    failed: 0,
    skipped: 0,
    flaky: 0,
    errors: [],
    data: true,
  };
  for (const file of report.testResults ?? []) {
    if (!DATA_CHECK_FILES.includes(path.relative(process.cwd(), file.name ?? ""))) continue;
    for (const a of file.assertionResults ?? []) {
      const kind = a.status === "passed" ? "passed" : a.status === "failed" ? "failed" : "skipped";
      data[kind] += 1;
      r[kind] -= 1;
    }
  }
  if (data.passed + data.failed + data.skipped) r.dataChecks = data;
  for (const file of report.testResults ?? []) {
    const failedInside = (file.assertionResults ?? []).some((a) => a.status === "failed");
    if (file.status === "failed" && !failedInside) {
      r.errors.push(
        `${path.relative(process.cwd(), file.name ?? "?")}: ${(file.message || "failed to run").split("\n")[0]}`,
      );
    }
  }
  if (exitCode !== 0 && r.failed === 0 && r.errors.length === 0 && !r.dataChecks?.failed) {
    r.errors.push(`vitest exited with code ${exitCode} although no test failed (unhandled error? see above)`);
  }
  return r;
}

function parsePlaywright(report, exitCode) {
  const r = { name: "e2e (playwright)", passed: 0, failed: 0, skipped: 0, flaky: 0, errors: [] };
  if (!report) {
    r.errors.push(`playwright wrote no report (exit code ${exitCode})`);
    return r;
  }
  const s = report.stats ?? {};
  r.flaky = s.flaky ?? 0;
  r.passed = (s.expected ?? 0) + r.flaky;
  r.failed = s.unexpected ?? 0;
  r.skipped = s.skipped ?? 0;
  for (const e of report.errors ?? []) r.errors.push((e.message ?? String(e.value ?? e)).split("\n")[0]);
  if (exitCode !== 0 && r.failed === 0 && r.errors.length === 0) {
    r.errors.push(`playwright exited with code ${exitCode} although no test failed (see above)`);
  }
  return r;
}

async function runRunner(name, bin, args, env, reportFile, parse) {
  fs.rmSync(reportFile, { force: true });
  let exitCode = 0;
  await step(name, async () => {
    try {
      await runBin(bin, args, { env, stdio: ["ignore", "inherit", "inherit"] });
    } catch (err) {
      exitCode = err.exitCode ?? 1;
    }
  }).catch(() => {});
  const r = parse(readJsonReport(reportFile), exitCode);
  if (stopRequested)
    r.errors = r.errors.map((e) => e.replace(/although no test failed.*/, `(interrupted by ${stopRequested})`));
  results.push(r);
  if (r.dataChecks) results.push(r.dataChecks);
  return r;
}

/** `npm run lint` and `tsc --noEmit`: any finding is an error of the run, reported with the totals. */
async function runStaticChecks() {
  const r = { name: "static checks (biome, tsc)", passed: 0, failed: 0, skipped: 0, flaky: 0, errors: [] };
  for (const [name, bin, args] of [
    ["lint (biome check)", "biome", ["check", "."]],
    ["type-check (tsc --noEmit)", "tsc", ["--noEmit", "-p", "tsconfig.json"]],
  ]) {
    await step(name, () => runBin(bin, args, { stdio: ["ignore", "inherit", "inherit"] })).catch((err) =>
      r.errors.push(`${name} failed (exit ${err.exitCode ?? 1}): see above`),
    );
  }
  results.push(r);
}

async function main() {
  loadDotEnv();
  if (runUnit && runE2e && extra.length) {
    throw new Error(`extra arguments (${extra.join(" ")}) need --unit or --e2e to say which runner gets them`);
  }
  const runId = process.env.BURNRATE_TEST_RUN_ID ?? newRunId();
  log(`run ${runId}: ${[runUnit && "unit", runE2e && "e2e"].filter(Boolean).join(" + ")}`);
  const services = [];
  try {
    const { pg, redis } = await prepareServices(step, log, services);
    log(dim(`Postgres ${maskUrl(pg.url)} (${pg.source}), Redis ${redis.url} (${redis.source})`));
    fs.mkdirSync(REPORTS, { recursive: true });
    const env = {
      ...process.env,
      // Each half makes its own database on this server (test/global-setup.ts, e2e/global-setup.ts);
      // the name here is only a safe default that is never the development database.
      DATABASE_URL: withDatabase(pg.url, "burnrate_test"),
      REDIS_URL: redis.url,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? crypto.randomBytes(32).toString("base64url"),
      BURNRATE_TEST_RUN_ID: runId,
      NEXT_TELEMETRY_DISABLED: "1",
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
    };

    // Lint and type-check the whole tree (tests and benches too) before any test runs; a focused
    // run (extra arguments) skips them.
    if (!extra.length && !stopRequested) await runStaticChecks();
    if (runUnit && !stopRequested) {
      await runRunner(
        "unit tests (vitest run)",
        "vitest",
        [
          "run",
          "--passWithNoTests",
          "--exclude",
          "e2e/**",
          "--reporter=default",
          "--reporter=json",
          `--outputFile.json=${VITEST_JSON}`,
          ...extra,
        ],
        { ...env, QUEUE_PREFIX: `burnrate_unit_${runId}` },
        VITEST_JSON,
        parseVitest,
      );
    }
    if (runE2e && !stopRequested) {
      if (!fs.existsSync(CHROMIUM)) {
        results.push({
          name: "e2e (playwright)",
          passed: 0,
          failed: 0,
          skipped: 0,
          flaky: 0,
          errors: [`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`],
        });
      } else {
        await runRunner(
          "browser tests (playwright test)",
          "playwright",
          ["test", "--reporter=list,json", ...extra],
          {
            ...env,
            BURNRATE_E2E_RUN_ID: runId,
            PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON,
          },
          PLAYWRIGHT_JSON,
          parsePlaywright,
        );
      }
    }
  } finally {
    for (const s of services.reverse()) await s.stop().catch((err) => log.warn(`stopping a service: ${err.message}`));
  }
}

let setupError = null;
try {
  await main();
} catch (err) {
  setupError = err;
}

// Summary. The very last line printed is the totals line.
console.log("");
for (const r of results) {
  const parts = [`${r.passed} passed`, `${r.failed} failed`];
  if (r.skipped) parts.push(`${r.skipped} skipped`);
  if (r.flaky) parts.push(`${r.flaky} flaky (passed on retry)`);
  log(`${r.name}: ${parts.join(", ")}`);
  for (const e of r.errors) log(`  ${red("error:")} ${e}`);
}
if (setupError) log(`${red(stopRequested ? "interrupted:" : "set-up failed:")} ${setupError.message}`);
if (stopRequested && !setupError) log(yellow(`interrupted by ${stopRequested}`));
// Tests only: data checks are on their own line above (their failures are counted below).
const passed = results.reduce((n, r) => n + (r.data ? 0 : r.passed), 0);
// A runner that crashed or could not load a file counts its errors as failures.
const failed = results.reduce((n, r) => n + r.failed + r.errors.length, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
const ok = !setupError && !stopRequested && failed === 0 && passed > 0;
if (!setupError && passed + failed === 0) log(red("no test ran"));
const dataChecks = results.filter((r) => r.data).reduce((n, r) => n + r.passed, 0);
if (dataChecks)
  log(dim(`totals below: ${passed} tests passed; ${dataChecks} passed data checks are not counted in them`));
log(`${ok ? green("PASS") : red("FAIL")} ${dim(`(${((performance.now() - t0) / 1000).toFixed(1)}s)`)}`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(ok ? 0 : stopRequested ? 130 : 1);
