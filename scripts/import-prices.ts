// Operator command: load prices from a LiteLLM model_prices JSON, a Burnrate catalog JSON or a
// simple CSV, show what would change (and what it does to the last 30 days of events), and with
// --apply add them as new effective-dated versions (never rewriting history). Suspicious changes
// (sanity checks) are refused unless --confirm.
//   npm run prices:import -- <file> [--format litellm|catalog|csv] [--apply] [--confirm] [--replace] [--effective-from ISO]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { disconnectDb } from "@/lib/db";
import { closePgPool } from "@/lib/db/pg-pool";
import { AppError } from "@/lib/errors";
import { applyImport } from "@/lib/pricing/import/apply-import";
import { formatDiff } from "@/lib/pricing/import/format-diff";
import { type PriceFileFormat, parsePriceFile } from "@/lib/pricing/import/parse-price-file";
import { previewImport } from "@/lib/pricing/import/preview-import";
import { closeQueues } from "@/lib/queue/enqueue";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    format: { type: "string" },
    apply: { type: "boolean" },
    confirm: { type: "boolean" },
    replace: { type: "boolean" },
    "effective-from": { type: "string" },
  },
});
const file = positionals[0];
if (!file) {
  console.error(
    "usage: npm run prices:import -- <file.json|file.csv> [--format litellm|catalog|csv] [--apply] [--confirm] [--replace] [--effective-from ISO]",
  );
  process.exit(2);
}
const text = readFileSync(file, "utf8");
const format = (values.format ?? (file.endsWith(".csv") ? "csv" : undefined)) as PriceFileFormat | undefined;
const entries = parsePriceFile(text, format);
const opts = {
  replace: !!values.replace,
  confirm: !!values.confirm,
  effectiveFrom: values["effective-from"] ? new Date(values["effective-from"]) : undefined,
};
let code = 0;
try {
  console.log(formatDiff(await previewImport(entries, opts)));
  if (values.apply) {
    const { repriceJobs } = await applyImport(entries, opts);
    console.log(`applied; ${repriceJobs} re-pricing run(s) queued.`);
  } else console.log("dry run: nothing changed (add --apply to apply).");
} catch (err) {
  if (!(err instanceof AppError)) throw err;
  console.error(`refused: ${err.message}; add --confirm to apply them anyway.`);
  code = 1;
}
await closeQueues();
await closePgPool();
await disconnectDb();
process.exit(code);
