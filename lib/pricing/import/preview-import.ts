import type { CatalogEntry } from "../catalog-schema";
import { estimateImpact } from "./estimate-impact";
import { planImport } from "./plan-import";

/** What an import would change, with its sanity issues and its effect on the last 30 days of events. */
export async function previewImport(entries: CatalogEntry[], opts: { replace: boolean; effectiveFrom?: Date }) {
  const at = opts.effectiveFrom ?? new Date();
  const { diff, rows } = await planImport(entries, { replace: opts.replace, at });
  await estimateImpact(diff, rows, new Date());
  return diff;
}
