import { db, type Prisma } from "@/lib/db";
import type { OrgContext } from "@/lib/tenancy/context";
import type { LongContext, PriceSet, ServiceTiers } from "./catalog-schema";

export type CatalogQuery = { search?: string; provider?: string; page: number; pageSize: number };

/** The prices in force now, paginated, with this organisation's overrides noted per row. */
export async function listCatalog(ctx: OrgContext, q: CatalogQuery) {
  const now = new Date();
  const where: Prisma.ModelPriceWhereInput = {
    effectiveFrom: { lte: now },
    OR: [{ effectiveTo: null }, { effectiveTo: { gt: now } }],
    ...(q.provider ? { provider: q.provider } : {}),
    ...(q.search
      ? {
          AND: [
            {
              OR: [
                { model: { contains: q.search, mode: "insensitive" } },
                { displayName: { contains: q.search, mode: "insensitive" } },
                { aliases: { has: q.search } },
              ],
            },
          ],
        }
      : {}),
  };
  const [rows, total, providers, overrides] = await Promise.all([
    db().modelPrice.findMany({
      where,
      orderBy: [{ provider: "asc" }, { model: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
    db().modelPrice.count({ where }),
    db().modelPrice.findMany({ distinct: ["provider"], select: { provider: true }, orderBy: { provider: "asc" } }),
    db().priceOverride.findMany({
      where: {
        orgId: ctx.orgId,
        effectiveFrom: { lte: now },
        OR: [{ effectiveTo: null }, { effectiveTo: { gt: now } }],
      },
    }),
  ]);
  const overrideFor = (provider: string, model: string) =>
    overrides.find((o) => o.kind === "CUSTOM_PRICE" && o.provider === provider && o.model === model) ??
    overrides.find(
      (o) =>
        o.kind === "DISCOUNT" &&
        (o.model === model || (o.model === null && (o.provider === provider || o.provider === null))),
    );
  return {
    items: rows.map((r) => {
      const o = overrideFor(r.provider, r.model);
      return {
        provider: r.provider,
        model: r.model,
        displayName: r.displayName,
        aliases: r.aliases,
        prices: r.prices as PriceSet,
        longContext: r.longContext as LongContext | null,
        serviceTiers: r.serviceTiers as ServiceTiers,
        sourceUrl: r.sourceUrl,
        checkedAt: r.checkedAt,
        sources: r.sources,
        effectiveFrom: r.effectiveFrom,
        override: o
          ? { kind: o.kind, percentOff: o.percentOff?.toString() ?? null, prices: o.prices as PriceSet | null }
          : null,
      };
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
    providers: providers.map((p) => p.provider),
  };
}
