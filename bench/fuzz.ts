// Fuzz benchmark (not a test; the test suite keeps its smaller property-based fuzz in e2e/api):
// `npm run bench:fuzz`. Self-contained: a throwaway Postgres and Redis and `npm start` on a free port
// (test/support/stack), with a headless-initialised key. Sends FUZZ_REQUESTS (100,000) hostile
// requests (bench/fuzz-cases.ts: hostile events and JSON, raw bytes, gzip garbage and bombs,
// wrong content types and encodings, bad keys, junk query strings, other routes and methods, and
// malformed HTTP on raw sockets), FUZZ_CONCURRENCY (16) at a time. Reports the count, every status
// seen, and each 5xx (the first ones saved under .data/fuzz-5xx/). Exits 1 on any 5xx.
import { mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { startAppStack } from "@/test/support/stack/app-stack";
import { type FuzzCase, generateCases } from "./fuzz-cases";

const total = Number(process.env.FUZZ_REQUESTS ?? 100_000);
const concurrency = Number(process.env.FUZZ_CONCURRENCY ?? 16);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const CHUNK = 2_000;
const OUT = path.resolve(import.meta.dirname, "../.data/fuzz-5xx");

type Outcome = number | "no answer" | "refused by client";

function send(port: number, c: FuzzCase, agent: http.Agent): Promise<Outcome> {
  if ("raw" in c) {
    return new Promise((resolve) => {
      const sock = net.connect({ port, host: "127.0.0.1" });
      let head = "";
      // A truncated body keeps the server waiting for the rest: after 1 s that counts as no answer.
      sock.setTimeout(1_000, () => sock.destroy());
      sock.on("data", (d) => {
        head += d.toString("latin1");
        const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
        if (m) {
          sock.destroy();
          resolve(Number(m[1]));
        }
      });
      sock.on("close", () => resolve("no answer"));
      sock.on("error", () => {});
      sock.write(c.raw);
    });
  }
  return new Promise((resolve) => {
    let req: http.ClientRequest;
    try {
      req = http.request({ port, host: "127.0.0.1", method: c.method, path: c.path, headers: c.headers, agent });
    } catch {
      return resolve("refused by client"); // e.g. a header value Node will not send
    }
    req.setTimeout(30_000, () => req.destroy());
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => resolve("no answer"));
    req.end(c.body);
  });
}

async function main() {
  console.log(`fuzz: ${total} requests, ${concurrency} at a time, seed ${seed}`);
  const stack = await startAppStack();
  const port = Number(new URL(stack.baseUrl).port);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const statuses = new Map<string, number>();
  const byKind = new Map<string, Map<string, number>>();
  const fiveXx: { kind: string; status: number; case: unknown }[] = [];
  const t0 = Date.now();
  let sent = 0;
  for (let chunk = 0; sent < total; chunk++) {
    const cases = generateCases(Math.min(CHUNK, total - sent), `127.0.0.1:${port}`, stack.apiKey, seed + chunk * 2);
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < cases.length) {
          const c = cases[next++]!;
          const outcome = await send(port, c, agent);
          const key = String(outcome);
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
          const kind = byKind.get(c.kind) ?? new Map<string, number>();
          kind.set(key, (kind.get(key) ?? 0) + 1);
          byKind.set(c.kind, kind);
          if (typeof outcome === "number" && outcome >= 500) {
            fiveXx.push({
              kind: c.kind,
              status: outcome,
              case:
                "raw" in c
                  ? c.raw.toString("latin1").slice(0, 2000)
                  : { ...c, body: c.body?.toString("base64").slice(0, 4000) },
            });
          }
        }
      }),
    );
    sent += cases.length;
    if (chunk % 10 === 9) console.log(`  ${sent} sent (${Math.round(sent / ((Date.now() - t0) / 1000))}/s)`);
  }
  const seconds = (Date.now() - t0) / 1000;
  const healthy = await fetch(`${stack.baseUrl}/api/health`).then((r) => r.status);
  const processRestarts = (stack.output().match(/stopped unexpectedly/g) ?? []).length;
  if (fiveXx.length) {
    mkdirSync(OUT, { recursive: true });
    for (const [i, f] of fiveXx.slice(0, 50).entries()) {
      writeFileSync(path.join(OUT, `${seed}-${i}.json`), JSON.stringify(f, null, 2));
    }
  }
  console.log(
    JSON.stringify(
      {
        requests: sent,
        seconds: Math.round(seconds),
        perSecond: Math.round(sent / seconds),
        seed,
        statuses: Object.fromEntries([...statuses].sort()),
        byKind: Object.fromEntries([...byKind].map(([k, v]) => [k, Object.fromEntries([...v].sort())])),
        fiveXx: fiveXx.length,
        healthAfter: healthy,
        processRestarts,
      },
      null,
      2,
    ),
  );
  agent.destroy();
  await stack.destroy();
  process.exit(fiveXx.length === 0 && processRestarts === 0 ? 0 : 1);
}

// Ctrl-C: exit through process.exit so that the stack's exit hooks stop its servers.
process.once("SIGINT", () => process.exit(130));
process.once("SIGTERM", () => process.exit(143));
await main();
