// Prints the detector's precision, recall and delay on the seeded evaluation set (docs/anomalies.md).
// npx tsx scripts/evaluate-anomalies.ts [seed]
import { evaluateDetector } from "@/lib/anomalies/evaluation/evaluate-detector";
import { generateSeries } from "@/lib/anomalies/evaluation/generate-series";

const seed = Number(process.argv[2] ?? 42);
const started = Date.now();
const report = evaluateDetector(generateSeries({ seed }));
console.log(JSON.stringify({ seed, ...report, ms: Date.now() - started }, null, 2));
