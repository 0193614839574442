import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { ingestBatch } from "@/lib/ingest/ingest-batch";

/** Starts the real worker entry point as its own process (as `npm start` does). */
export function startWorker(env: Record<string, string | undefined> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Posts batches of events for `ms` milliseconds (from two API keys and none); returns how many were accepted. */
export async function streamEvents(orgId: string, ms: number, batchSize = 200): Promise<number> {
  const end = Date.now() + ms;
  let accepted = 0;
  let n = 0;
  let batches = 0;
  while (Date.now() < end) {
    const batch = Array.from({ length: batchSize }, () => {
      n++;
      return {
        eventId: randomUUID(),
        timestamp: new Date(Date.now() - (n % 48) * 3_600_000).toISOString(),
        provider: "openai",
        model: n % 2 ? "gpt-4o-mini" : "gpt-4o",
        inputTokens: 100 + (n % 5000),
        outputTokens: 10 + (n % 700),
        team: ["a", "b", "c", "d"][n % 4],
        customer: `c${n % 7}`,
      };
    });
    // Batches come from two API keys and, one in three, from none (api_key_spend counts only the former).
    const apiKeyId = [null, "stream-key-a", "stream-key-b"][batches++ % 3] ?? null;
    accepted += (await ingestBatch(orgId, batch, {}, { apiKeyId })).accepted;
  }
  return accepted;
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(250);
  }
}
