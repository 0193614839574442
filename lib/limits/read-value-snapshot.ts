import type { CapKey } from "./cap-budgets";
import { type CapFigures, sameFigures } from "./held-spend";
import { readHolds, readSpendPage, readSpendSignature, readTag } from "./value-snapshot-reads";

/**
 * A value's figures and the read that last saw it. A snapshot read again updates its slots in
 * place: an unchanged value allocates nothing, so a re-read of 100,000 values leaves almost no new
 * objects alive (a new Map of new objects each second made every young-generation collection copy
 * them: 5-15 ms pauses in the check's p99).
 */
export type ValueSlot = { f: CapFigures; read: number };

/** The figures of every value of one (budget, period), as read after `periodVersion` and `seq`. */
export type ValueSnapshot = {
  periodVersion: string;
  /** The period's changed-values sequence number when read: a value changed later is not in it. */
  seq: number;
  /** When the read began (before the versions were read). */
  at: number;
  /** Values with any spend, hold or override; a value not here has none. */
  values: Map<string, ValueSlot>;
  /** The number of the last read of every page: every slot it saw carries it. */
  read: number;
  /** The spend rows' signature, read before the pages (lib/limits/value-snapshot-reads.ts). */
  spendSignature: string;
  /** The values with a hold or an override when read. */
  holding: Set<string>;
  /** How many pages of spend this read took (0: the spend was unchanged). */
  pages: number;
};

/** The figures of a value with spend and no hold or override. */
const spendOnly = (spentPico: bigint): CapFigures => ({
  spentPico,
  reservedPico: 0n,
  overridePico: 0n,
  nextExpiry: null,
});

/** Sets a value's figures in `values`, keeping its slot and figures object when they are the same. */
function put(values: Map<string, ValueSlot>, v: string, f: CapFigures, read: number) {
  const slot = values.get(v);
  if (!slot) values.set(v, { f, read });
  else {
    if (!sameFigures(slot.f, f)) slot.f = f;
    slot.read = read;
  }
}

/** Spend unchanged since `into` was read: its values' holds and overrides are replaced by `holds`. */
function applyHolds(into: ValueSnapshot, holds: Map<string, CapFigures>) {
  const { values, read } = into;
  for (const v of into.holding) {
    if (holds.has(v)) continue;
    const spentPico = values.get(v)?.f.spentPico ?? 0n;
    if (spentPico === 0n) values.delete(v);
    else put(values, v, spendOnly(spentPico), read);
  }
  for (const [v, h] of holds) put(values, v, { ...h, spentPico: values.get(v)?.f.spentPico ?? 0n }, read);
}

/** Reads every page of spend into `values` (with `holds` added), deleting the values gone. Null past `maxValues`. */
async function readPages(
  orgId: string,
  key: CapKey,
  opts: { pageSize: number; maxValues: number },
  values: Map<string, ValueSlot>,
  holds: Map<string, CapFigures>,
  read: number,
): Promise<number | null> {
  let seen = 0;
  let pages = 0;
  let last: string | null = null;
  for (;;) {
    const rows = await readSpendPage(orgId, key, opts.pageSize, last);
    pages++;
    for (const [v, spent] of rows) {
      const spentPico = BigInt(spent);
      const held = holds.get(v);
      if (held) held.spentPico = spentPico;
      else if (spentPico !== 0n) {
        put(values, v, spendOnly(spentPico), read);
        seen++;
      }
    }
    if (seen + holds.size > opts.maxValues) return null;
    if (rows.length < opts.pageSize) break;
    last = rows[rows.length - 1]![0];
  }
  for (const [v, f] of holds) put(values, v, f, read);
  seen += holds.size;
  if (values.size > seen) for (const [v, slot] of values) if (slot.read !== read) values.delete(v);
  return pages;
}

/**
 * Reads every value's figures of the key's (budget, period): first its version and sequence number
 * in Redis, then Postgres (holds and overrides in one statement, the spend rows' signature, then the
 * spend in pages of `pageSize` values by the primary key, so no page holds the event loop long).
 * The statements need not agree with one another: whatever commits after the versions were read
 * bumps the period's version or records the value as changed, and the snapshot is then not used
 * for it. Null past `maxValues`.
 *
 * `into` (a previous read's snapshot of the same period) is updated in place: each slot is replaced
 * by this read's figures as the pages come, values gone are deleted at the end. Figures newer than
 * the previous read are right under its versions too (they only differ where a later change was
 * recorded, which makes the snapshot unusable for that value), so checks may use it meanwhile.
 * When the spend rows' signature is the one `into` was read with, no page is read: only the holds
 * and overrides are applied (a second's re-read of 100,000 unchanged values costs three statements).
 */
export async function readValueSnapshot(
  orgId: string,
  key: CapKey,
  opts: { pageSize: number; maxValues: number },
  into?: ValueSnapshot,
): Promise<ValueSnapshot | null> {
  const at = Date.now();
  const { periodVersion, seq } = await readTag(orgId, key);
  const [holds, spendSignature] = await Promise.all([readHolds(orgId, key), readSpendSignature(orgId, key)]);
  const holding = new Set(holds.keys());
  if (into && into.spendSignature === spendSignature) {
    applyHolds(into, holds);
    return { ...into, periodVersion, seq, at, spendSignature, holding, pages: 0 };
  }
  const values = into?.values ?? new Map<string, ValueSlot>();
  const read = (into?.read ?? 0) + 1;
  const pages = await readPages(orgId, key, opts, values, holds, read);
  return pages === null ? null : { periodVersion, seq, at, values, read, spendSignature, holding, pages };
}
