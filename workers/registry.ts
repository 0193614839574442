import type { Job } from "bullmq";
import type { JobPayload, QueueName } from "@/lib/queue/jobs";

export type Processor<Q extends QueueName> = {
  queue: Q;
  concurrency: number;
  handle: (payload: JobPayload<Q>, job: Job) => Promise<unknown>;
};

/** Every queue this worker process consumes: one processor file per queue. */
export const processors: Processor<QueueName>[] = [];
