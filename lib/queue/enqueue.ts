import { Queue, type JobsOptions } from "bullmq";
import { log } from "@/lib/log";
import { queueConnection } from "./connection";
import { QUEUES, type JobPayload, type QueueName } from "./jobs";

let lastWarned = 0;
/** Redis outages surface as connection errors on every queue: log them, at most every 10 s. */
function warnThrottled(err: Error) {
  if (Date.now() - lastWarned < 10_000) return;
  lastWarned = Date.now();
  log.warn(
    { err: err.message },
    "queue connection error (Redis unavailable?); committed work is picked up by the sweeper",
  );
}

const globalForQueues = globalThis as unknown as { burnrateQueues?: Map<QueueName, Queue> };

export function getQueue(name: QueueName): Queue {
  globalForQueues.burnrateQueues ??= new Map();
  let queue = globalForQueues.burnrateQueues.get(name);
  if (!queue) {
    queue = new Queue(QUEUES[name].name, queueConnection());
    queue.on("error", warnThrottled);
    globalForQueues.burnrateQueues.set(name, queue);
  }
  return queue;
}

/** Validates the payload against the registry and adds the job. */
export async function enqueue<Q extends QueueName>(name: Q, payload: JobPayload<Q>, opts: JobsOptions = {}) {
  const data = QUEUES[name].payload.parse(payload);
  return getQueue(name).add(name, data, {
    removeOnComplete: 1000,
    removeOnFail: 5000,
    attempts: 5,
    backoff: { type: "exponential", delay: 500 },
    ...opts,
  });
}

export async function closeQueues(): Promise<void> {
  const queues = globalForQueues.burnrateQueues;
  if (!queues) return;
  await Promise.all([...queues.values()].map((q) => q.close()));
  queues.clear();
}
