import type { PoolClient } from "pg";
import { pgPool } from "./pg-pool";

/** Runs `work` in one transaction on a client of the SQL pool: committed if it returns, rolled back if it throws. */
export async function inPgTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN");
    const out = await work(client);
    await client.query("COMMIT");
    return out;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
