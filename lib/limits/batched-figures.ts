import { pgPool } from "@/lib/db/pg-pool";
import { byOrg } from "./by-org";
import type { CapKey } from "./cap-budgets";
import { type CapFigures, readCapFigures } from "./held-spend";
import { keyNames } from "./key-names";

/**
 * Postgres reads of cap figures for checks, merged: the checks that need figures while fewer than
 * MAX_READS reads run share the next read (one statement per organisation, each key once). Under
 * light load a check waits for one tick; under heavy load many checks ride on one statement
 * instead of each queueing for a connection, so the pool is never the bottleneck of the check.
 */
const MAX_READS = 4;
const MAX_KEYS_PER_READ = 5_000;

type Waiter = { orgId: string; keys: CapKey[]; resolve: (f: CapFigures[]) => void; reject: (e: unknown) => void };

const queue: Waiter[] = [];
let reading = 0;
let scheduled = false;

const pgQuery = async <R>(sql: string, params: unknown[]) => ({
  rows: (await pgPool().query(sql, params)).rows as R[],
});

/** The figures of `keys` (all of organisation `orgId`), in their order. */
export function readFiguresBatched(orgId: string, keys: CapKey[]): Promise<CapFigures[]> {
  return new Promise((resolve, reject) => {
    queue.push({ orgId, keys, resolve, reject });
    schedule();
  });
}

function schedule() {
  if (scheduled || reading >= MAX_READS || queue.length === 0) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    void readNext();
  });
}

/** Takes waiters from the queue up to MAX_KEYS_PER_READ keys (at least one waiter). */
function takeBatch(): Waiter[] {
  let n = 0;
  let keys = 0;
  while (n < queue.length && (n === 0 || keys + queue[n]!.keys.length <= MAX_KEYS_PER_READ))
    keys += queue[n++]!.keys.length;
  return queue.splice(0, n);
}

async function readNext() {
  if (reading >= MAX_READS || queue.length === 0) return;
  const batch = takeBatch();
  reading++;
  schedule(); // more waiters may already be queued: another read can start
  try {
    await Promise.all([...byOrg(batch)].map(([orgId, waiters]) => readForOrg(orgId, waiters)));
  } finally {
    reading--;
    schedule();
  }
}

async function readForOrg(orgId: string, waiters: Waiter[]) {
  const index = new Map<string, number>();
  const unique: CapKey[] = [];
  // Each waiter's keys as positions in `unique` (each key's cache id worked out once).
  const positions = waiters.map((w) =>
    w.keys.map((k) => {
      const id = keyNames(orgId, k).figures;
      let at = index.get(id);
      if (at === undefined) {
        at = unique.push(k) - 1;
        index.set(id, at);
      }
      return at;
    }),
  );
  try {
    const figures = await readCapFigures(pgQuery, orgId, unique);
    waiters.forEach((w, i) => {
      w.resolve(positions[i]!.map((at) => figures[at]!));
    });
  } catch (err) {
    for (const w of waiters) w.reject(err);
  }
}
