// `npm run --silent detect`: {"series":[{"key","points":[{"t","cost"}]}]} on stdin →
// {"anomalies":[{"key","t","kind","expected","actual","impact","score"}]} on stdout, nothing else.
// The same detector as the anomalies worker (lib/anomalies/detect-series.ts). Bad input: exit 2,
// the reason on stderr.
import { detectAll } from "@/lib/anomalies/detect-cli";
import { seriesInputSchema } from "@/lib/anomalies/hourly-series";

const chunks: Buffer[] = [];
for await (const c of process.stdin) chunks.push(c as Buffer);
let json: unknown;
try {
  json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
} catch (err) {
  process.stderr.write(`detect: stdin is not JSON: ${(err as Error).message}\n`);
  process.exit(2);
}
const parsed = seriesInputSchema.safeParse(json);
if (!parsed.success) {
  for (const i of parsed.error.issues) process.stderr.write(`detect: ${i.path.join(".")}: ${i.message}\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(detectAll(parsed.data))}\n`);
