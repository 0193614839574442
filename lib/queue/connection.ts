import type { ConnectionOptions } from "bullmq";
import { env } from "@/lib/env";

/** BullMQ connection settings; every queue of a deployment shares env QUEUE_PREFIX. */
export function queueConnection(): { connection: ConnectionOptions; prefix: string } {
  return { connection: { url: env().REDIS_URL, maxRetriesPerRequest: null }, prefix: env().QUEUE_PREFIX };
}
