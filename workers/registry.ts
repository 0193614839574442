import type { Job } from "bullmq";
import type { JobPayload, QueueName } from "@/lib/queue/jobs";
import { budgetsProcessor } from "./processors/budgets";
import { maintenanceProcessor } from "./processors/maintenance";
import { notificationsProcessor } from "./processors/notifications";
import { repriceProcessor } from "./processors/reprice";
import { rollupProcessor } from "./processors/rollup";

export type Processor<Q extends QueueName> = {
  queue: Q;
  concurrency: number;
  handle: (payload: JobPayload<Q>, job: Job) => Promise<unknown>;
};

type AnyProcessor = { [Q in QueueName]: Processor<Q> }[QueueName];

/** Every queue this worker process consumes: one processor file per queue. */
export const processors: AnyProcessor[] = [
  rollupProcessor,
  budgetsProcessor,
  repriceProcessor,
  maintenanceProcessor,
  notificationsProcessor,
];

/** Repeating jobs the worker schedules at start (idempotent upserts). */
export const SCHEDULES = [{ queue: "maintenance" as const, id: "sweeper", everyMs: 5_000 }];
