// `npm run mutate [module…]`: StrykerJS, one module at a time (mutation/modules.mjs), concurrency
// MUTATE_CONCURRENCY (default 1). Prints each module's score next to mutation/baseline.json and
// exits 1 when a score fell below its baseline. `--update-baseline` writes the new scores;
// `--from-reports` prints (and with --update-baseline records) the scores of the last reports.
// Not part of `npm test`: it runs the module's tests once per mutant.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { MODULES } from "../mutation/modules.mjs";

const args = process.argv.slice(2);
const update = args.includes("--update-baseline");
// --from-reports: no run, the scores of the last reports in .data/reports/mutation.
const fromReports = args.includes("--from-reports");
const names = args.filter((a) => !a.startsWith("--"));
for (const n of names)
  if (!MODULES[n]) throw new Error(`unknown module ${n}: one of ${Object.keys(MODULES).join(", ")}`);
const selected = names.length ? names : Object.keys(MODULES);
const REPORTS = path.resolve(".data/reports/mutation");
const BASELINE = path.resolve("mutation/baseline.json");
const baseline = fs.existsSync(BASELINE) ? JSON.parse(fs.readFileSync(BASELINE, "utf8")) : {};

/** Stryker's score: detected (killed, timeout) over detected + undetected (survived, no coverage). */
function score(report) {
  const n = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, CompileError: 0, RuntimeError: 0 };
  for (const file of Object.values(report.files)) for (const m of file.mutants) n[m.status] = (n[m.status] ?? 0) + 1;
  const detected = n.Killed + n.Timeout;
  const valid = detected + n.Survived + n.NoCoverage;
  return { score: valid ? Math.round((detected / valid) * 1000) / 10 : 100, ...n };
}

fs.mkdirSync(REPORTS, { recursive: true });
const results = {};
for (const name of selected) {
  const mod = MODULES[name];
  const reportFile = path.join(REPORTS, `${name}.json`);
  if (fromReports) {
    results[name] = fs.existsSync(reportFile)
      ? score(JSON.parse(fs.readFileSync(reportFile, "utf8")))
      : { error: "no report: run npm run mutate first" };
    continue;
  }
  fs.rmSync(reportFile, { force: true });
  console.log(`\n== mutate ${name}: ${mod.mutate.join(", ")}`);
  // MUTATE_INCREMENTAL=1: Stryker's incremental mode. The results of the last incremental run of the
  // module (<module>.incremental.json) are reused for mutants whose code and covering tests did not change.
  const incremental =
    process.env.MUTATE_INCREMENTAL === "1"
      ? ["--incremental", "--incrementalFile", path.join(REPORTS, `${name}.incremental.json`)]
      : [];
  const run = spawnSync(
    "npx",
    ["stryker", "run", "stryker.config.mjs", "--mutate", mod.mutate.join(","), ...incremental],
    {
      stdio: "inherit",
      env: { ...process.env, MUTATE_REPORT: reportFile, MUTATE_TEST_FILES: mod.testFiles.join(",") },
    },
  );
  if (!fs.existsSync(reportFile)) {
    results[name] = { error: `stryker exited ${run.status} without a report` };
    continue;
  }
  results[name] = score(JSON.parse(fs.readFileSync(reportFile, "utf8")));
}

let dropped = false;
console.log("\nmodule           score  baseline  killed timeout survived no-cov ignored");
for (const [name, r] of Object.entries(results)) {
  if (r.error) {
    console.log(`${name.padEnd(15)}  ${r.error}`);
    dropped = true;
    continue;
  }
  const base = baseline[name]?.score;
  const worse = base !== undefined && r.score < base;
  dropped ||= worse;
  console.log(
    `${name.padEnd(15)} ${`${r.score}%`.padStart(6)}  ${(base === undefined ? "-" : `${base}%`).padStart(8)}  ${[r.Killed, r.Timeout, r.Survived, r.NoCoverage, r.Ignored].map((x) => String(x).padStart(6)).join(" ")}${worse ? "  BELOW BASELINE" : ""}`,
  );
}
if (update) {
  const next = { ...baseline };
  for (const [name, r] of Object.entries(results))
    if (!r.error) next[name] = { score: r.score, survived: r.Survived, noCoverage: r.NoCoverage, ignored: r.Ignored };
  fs.writeFileSync(BASELINE, `${JSON.stringify(next, null, 2)}\n`);
  console.log(`baseline written: ${path.relative(process.cwd(), BASELINE)}`);
}
process.exit(dropped && !update ? 1 : 0);
