import type { Job } from "bullmq";
import type { JobPayload, QueueName } from "@/lib/queue/jobs";
import { anomaliesProcessor } from "./processors/anomalies";
import { budgetsProcessor } from "./processors/budgets";
import { chargebackProcessor } from "./processors/chargeback";
import { maintenanceProcessor } from "./processors/maintenance";
import { notificationsProcessor } from "./processors/notifications";
import { priceSyncProcessor } from "./processors/price-sync";
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
  priceSyncProcessor,
  chargebackProcessor,
  anomaliesProcessor,
];

type Schedule = { queue: QueueName; id: string } & ({ everyMs: number } | { pattern: string });

/**
 * Repeating jobs the worker schedules at start (idempotent upserts): the sweeper every 5 s, and the
 * price sync daily at 04:00 UTC (a no-op without BURNRATE_PRICE_SYNC_URL; the sweeper starts one
 * when none ran for 25 h, so a lost schedule in Redis costs nothing).
 */
export const SCHEDULES: Schedule[] = [
  { queue: "maintenance", id: "sweeper", everyMs: 5_000 },
  { queue: "priceSync", id: "price-sync-daily", pattern: "0 4 * * *" },
  { queue: "chargeback", id: "chargeback-close", everyMs: 10 * 60_000 },
  { queue: "anomalies", id: "anomalies-every-5-min", everyMs: 300_000 },
];
