import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CatalogEntry } from "../catalog-schema";
import { invalidatePriceCache } from "../load-price-book";
import type { NewVersion } from "./diff-catalog";
import { planImport } from "./plan-import";
import { repriceAfterImport } from "./reprice-after-import";

export type ImportOptions = { replace: boolean; effectiveFrom?: Date; confirm?: boolean };

const rowData = (v: NewVersion, importId: string) => {
  const { id: _id, longContext, timeOfDay, ...rest } = v;
  return {
    ...rest,
    prices: rest.prices as object,
    serviceTiers: rest.serviceTiers as object,
    longContext: longContext ?? undefined,
    timeOfDay: timeOfDay ?? undefined,
    importId,
  };
};

/** Refuses a change the sanity checks flag unless the operator confirmed it. */
export function assertConfirmed(issues: { message: string; provider: string; model: string }[], confirm?: boolean) {
  if (issues.length === 0 || confirm) return;
  throw new AppError(
    "conflict",
    `${issues.length} suspicious change(s) need confirmation`,
    issues.map((i) => ({ path: `${i.provider}/${i.model}`, message: i.message })),
  );
}

/**
 * Applies an import as new effective-dated versions: a changed price ends the version in force
 * at its date and starts a new one; history is never rewritten. Suspicious changes (see
 * sanity-checks.ts) are refused unless `confirm`. Events already priced from the ended versions
 * are re-priced (every organisation, from the earliest changed date). Serialised by a lock.
 */
export async function applyImport(entries: CatalogEntry[], opts: ImportOptions) {
  const at = opts.effectiveFrom ?? new Date();
  const importId = `import:${at.toISOString()}:${crypto.randomUUID().slice(0, 8)}`;
  const diff = await db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('burnrate:price-catalog'))`;
      const { diff: d } = await planImport(entries, { replace: opts.replace, at }, tx);
      assertConfirmed(d.issues, opts.confirm);
      const items = [...d.added, ...d.changed];
      for (const c of d.changed)
        if (c.currentId)
          await tx.modelPrice.update({ where: { id: c.currentId }, data: { effectiveTo: c.version.effectiveFrom } });
      if (d.removed.length)
        await tx.modelPrice.updateMany({
          where: { id: { in: d.removed.map((r) => r.id) } },
          data: { effectiveTo: at },
        });
      if (items.length) await tx.modelPrice.createMany({ data: items.map((i) => rowData(i.version, importId)) });
      return d;
    },
    { timeout: 60_000 },
  );
  invalidatePriceCache();
  const starts = [...diff.added, ...diff.changed].map((i) => i.version.effectiveFrom);
  if (diff.removed.length) starts.push(at);
  const repriceJobs = starts.length ? await repriceAfterImport(new Date(Math.min(...starts.map(Number)))) : 0;
  return { diff, importId, effectiveFrom: at, repriceJobs };
}
