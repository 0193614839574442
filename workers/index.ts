// The BullMQ worker process: a plain Node process, separate from the web app (see DESIGN.md).
import "./process-name";

import { Worker } from "bullmq";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { disconnectDb } from "@/lib/db";
import { closePgPool } from "@/lib/db/pg-pool";
import { queueConnection } from "@/lib/queue/connection";
import { QUEUES } from "@/lib/queue/jobs";
import { closeQueues, getQueue } from "@/lib/queue/enqueue";
import { processors, SCHEDULES } from "./registry";

env(); // fail fast, naming the bad variable

/** How long SIGTERM waits for running jobs (scripts/boot.mjs gives the process 5 s more). */
const DRAIN_MS = 20_000;
const SCHEDULE_REFRESH_MS = 30_000;

const workers = processors.map(
  (p) =>
    new Worker(
      QUEUES[p.queue].name,
      async (job) => {
        const payload = QUEUES[p.queue].payload.parse(job.data);
        return (p.handle as (data: typeof payload, j: typeof job) => Promise<unknown>)(payload, job);
      },
      { ...queueConnection(), concurrency: p.concurrency },
    ),
);
for (const w of workers) {
  w.on("failed", (job, err) => log.error({ err, jobId: job?.id, queue: w.name }, "job failed"));
}
/** Idempotent; repeated because a Redis restart without persistence forgets the schedulers. */
async function upsertSchedules() {
  for (const s of SCHEDULES) {
    await getQueue(s.queue).upsertJobScheduler(
      s.id,
      "pattern" in s ? { pattern: s.pattern, tz: "UTC" } : { every: s.everyMs },
      { name: s.queue, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
}
await upsertSchedules();
const rescheduler = setInterval(() => {
  upsertSchedules().catch((err: unknown) => log.warn({ err }, "could not refresh job schedulers (Redis down?)"));
}, SCHEDULE_REFRESH_MS);
log.info({ queues: workers.map((w) => w.name) }, "worker started");

let stopping = false;
/** Finishes the jobs in hand (at most DRAIN_MS; unfinished ones are retried after their lock expires), exits 0. */
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  clearInterval(rescheduler);
  log.info({ signal }, "worker stopping: finishing current jobs");
  const drained = Promise.all(workers.map((w) => w.close())).then(() => true);
  const timedOut = new Promise<false>((r) => setTimeout(() => r(false), DRAIN_MS).unref());
  if (!(await Promise.race([drained, timedOut]))) {
    log.warn({ drainMs: DRAIN_MS }, "jobs still running after the drain time; leaving them to be retried");
    await Promise.race([Promise.all(workers.map((w) => w.close(true))), new Promise((r) => setTimeout(r, 2_000))]);
  }
  await Promise.race([closeQueues(), new Promise((r) => setTimeout(r, 2_000))]);
  await closePgPool();
  await disconnectDb();
  log.info({ signal }, "worker stopped");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
// Keep the process alive even with no queue registered yet.
setInterval(() => {}, 1 << 30);
