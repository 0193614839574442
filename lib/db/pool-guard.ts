import type pg from "pg";
import { log } from "@/lib/log";

/**
 * Keeps a connection drop from killing the process. node-postgres emits `error` on a pool when an
 * idle client loses its connection (a Postgres restart, a failover, a killed backend), and on a
 * checked-out client between two queries; with no listener, Node turns either into an uncaught
 * exception. The pool discards the broken client and opens a new one on the next checkout, so
 * logging is all there is to do. Errors during a query still reject that query.
 */
export function guardPool(pool: pg.Pool, name: string): pg.Pool {
  pool.on("error", (err) => log.warn({ err: { message: err.message }, pool: name }, "idle Postgres connection lost"));
  pool.on("connect", (client) => {
    client.on("error", (err) =>
      log.warn({ err: { message: err.message }, pool: name }, "Postgres connection lost while checked out"),
    );
  });
  return pool;
}
