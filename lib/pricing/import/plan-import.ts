import { db, type Prisma } from "@/lib/db";
import type { CatalogEntry } from "../catalog-schema";
import { diffCatalog } from "./diff-catalog";
import { guardAmbiguity } from "./guard-ambiguity";
import { loadCatalogRows, recentEventNames } from "./load-catalog-rows";
import { sanityChecks } from "./sanity-checks";

/** The diff of an import against the stored catalog, with refusals and sanity issues filled in. */
export async function planImport(
  entries: CatalogEntry[],
  opts: { replace: boolean; at: Date },
  client: Prisma.TransactionClient | ReturnType<typeof db> = db(),
) {
  const rows = await loadCatalogRows(client);
  const diff = diffCatalog(entries, rows, opts);
  guardAmbiguity(diff, rows, await recentEventNames(client, opts.at));
  diff.issues = sanityChecks([...diff.added, ...diff.changed]);
  return { diff, rows };
}
