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
for (const s of SCHEDULES) {
  await getQueue(s.queue).upsertJobScheduler(
    s.id,
    "pattern" in s ? { pattern: s.pattern, tz: "UTC" } : { every: s.everyMs },
    { name: s.queue, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
}
log.info({ queues: workers.map((w) => w.name) }, "worker started");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "worker stopping");
  await Promise.all(workers.map((w) => w.close()));
  await closeQueues();
  await closePgPool();
  await disconnectDb();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
// Keep the process alive even with no queue registered yet.
setInterval(() => {}, 1 << 30);
