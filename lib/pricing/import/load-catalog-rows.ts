import { db, type Prisma } from "@/lib/db";
import type { CatalogRow } from "./catalog-row";
import type { UsedName } from "./guard-ambiguity";

type Client = Pick<Prisma.TransactionClient, "modelPrice" | "$queryRaw">;

/** Every stored catalog version (all dates), as the import compares against. */
export function loadCatalogRows(client: Client = db()): Promise<CatalogRow[]> {
  return client.modelPrice.findMany({ orderBy: [{ provider: "asc" }, { model: "asc" }, { effectiveFrom: "asc" }] });
}

/** The model names events used in the last 30 days (from the hourly rollups' unpriced rows and raw names). */
export async function recentEventNames(client: Client = db(), now = new Date()): Promise<UsedName[]> {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const rows = await client.$queryRaw<{ provider: string; model: string }[]>`
    SELECT DISTINCT provider, model FROM usage_events WHERE "timestamp" >= ${since} AND priced = true`;
  return rows.map((r) => ({ model: r.model, provider: r.provider }));
}
