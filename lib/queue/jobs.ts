import { z } from "zod";

/**
 * The one place that names queues and their payloads. Payloads are ids, not data:
 * a worker re-reads Postgres, the source of truth.
 */
export const QUEUES = {
  rollup: {
    name: "rollup",
    payload: z.object({ orgId: z.string().min(1) }),
  },
  reprice: {
    name: "reprice",
    payload: z.object({ repriceJobId: z.string().min(1) }),
  },
  budgets: {
    name: "budgets",
    payload: z.object({ orgId: z.string().min(1) }),
  },
  /** One attempt of one delivery (webhook or channel); retries are delayed jobs. */
  notifications: {
    name: "notifications",
    payload: z.object({ orgId: z.string().min(1), deliveryId: z.string().min(1) }),
  },
  maintenance: {
    name: "maintenance",
    payload: z.object({}),
  },
  /** A fetch of BURNRATE_PRICE_SYNC_URL: the daily schedule (no run yet) or an operator's request (its run). */
  priceSync: {
    name: "price-sync",
    payload: z.object({ runId: z.string().min(1).optional() }),
  },
  /** Chargeback: with no ids, close due periods of every organisation and bill pending invoices; with ids, bill one statement. */
  chargeback: {
    name: "chargeback",
    payload: z.object({ orgId: z.string().min(1).optional(), statementId: z.string().min(1).optional() }),
  },
  /** Anomaly detection of one organisation; without orgId, the 5-minute tick that enqueues every organisation. */
  anomalies: {
    name: "anomalies",
    payload: z.object({ orgId: z.string().min(1).optional() }),
  },
} as const;

export type QueueName = keyof typeof QUEUES;
export type JobPayload<Q extends QueueName> = z.infer<(typeof QUEUES)[Q]["payload"]>;
