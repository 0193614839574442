import { stopKeyCache } from "@/lib/apikeys/api-key-cache";
import { disconnectDb } from "@/lib/db";
import { closePgPool } from "@/lib/db/pg-pool";
import { closeQueues } from "@/lib/queue/enqueue";

/** afterAll of integration tests: closes the queues, the bulk pool and Prisma of this test file. */
export async function closeConnections(): Promise<void> {
  stopKeyCache();
  await closeQueues();
  await closePgPool();
  await disconnectDb();
}
