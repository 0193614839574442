// Operator command: load prices from a LiteLLM model_prices JSON or a simple CSV, show what would
// change, and with --apply add them as new effective-dated versions (never rewriting history).
//   npm run prices:import -- <file> [--format litellm|csv] [--apply] [--replace] [--effective-from ISO]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { disconnectDb } from "@/lib/db";
import { parseLiteLlm } from "@/lib/pricing/import/parse-litellm";
import { parsePriceCsv } from "@/lib/pricing/import/parse-price-csv";
import { applyImport, previewImport } from "@/lib/pricing/import/apply-import";
import { formatDiff } from "@/lib/pricing/import/format-diff";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    format: { type: "string" },
    apply: { type: "boolean" },
    replace: { type: "boolean" },
    "effective-from": { type: "string" },
  },
});
const file = positionals[0];
if (!file) {
  console.error(
    "usage: npm run prices:import -- <file.json|file.csv> [--format litellm|csv] [--apply] [--replace] [--effective-from ISO]",
  );
  process.exit(2);
}
const text = readFileSync(file, "utf8");
const format = values.format ?? (file.endsWith(".csv") ? "csv" : "litellm");
const entries = format === "csv" ? parsePriceCsv(text) : parseLiteLlm(JSON.parse(text)).entries;
const opts = {
  replace: !!values.replace,
  effectiveFrom: values["effective-from"] ? new Date(values["effective-from"]) : undefined,
};
const diff = values.apply ? (await applyImport(entries, opts)).diff : await previewImport(entries, opts);
console.log(formatDiff(diff));
console.log(values.apply ? "applied." : "dry run: nothing changed (add --apply to apply).");
await disconnectDb();
