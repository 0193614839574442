import type { Job } from "bullmq";
import type { JobPayload, QueueName } from "@/lib/queue/jobs";
import { repriceProcessor } from "./processors/reprice";

export type Processor<Q extends QueueName> = {
  queue: Q;
  concurrency: number;
  handle: (payload: JobPayload<Q>, job: Job) => Promise<unknown>;
};

type AnyProcessor = { [Q in QueueName]: Processor<Q> }[QueueName];

/** Every queue this worker process consumes: one processor file per queue. */
export const processors: AnyProcessor[] = [repriceProcessor];
