import { db, Prisma } from "@/lib/db";
import type { PriceSet, TimeOfDay } from "./catalog-schema";

/**
 * When catalog prices change by the calendar or the clock: versions that come into force later
 * (an introductory price ending on a known date), each with the price it replaces, and the models
 * whose price depends on the UTC time of day. The catalog is global: no organisation data here.
 */
export async function listPriceSchedule(now = new Date()) {
  const [later, windows] = await Promise.all([
    db().modelPrice.findMany({ where: { effectiveFrom: { gt: now } }, orderBy: { effectiveFrom: "asc" }, take: 100 }),
    db().modelPrice.findMany({
      where: {
        effectiveFrom: { lte: now },
        OR: [{ effectiveTo: null }, { effectiveTo: { gt: now } }],
        NOT: { timeOfDay: { equals: Prisma.AnyNull } },
      },
      orderBy: [{ provider: "asc" }, { model: "asc" }],
    }),
  ]);
  const replaced = await db().modelPrice.findMany({
    where: { OR: later.map((v) => ({ provider: v.provider, model: v.model, effectiveTo: v.effectiveFrom })) },
  });
  const before = (v: (typeof later)[number]) =>
    replaced.find(
      (r) => r.provider === v.provider && r.model === v.model && r.effectiveTo?.getTime() === v.effectiveFrom.getTime(),
    );
  return {
    upcoming: later.map((v) => ({
      provider: v.provider,
      model: v.model,
      displayName: v.displayName,
      effectiveFrom: v.effectiveFrom.toISOString(),
      prices: v.prices as PriceSet,
      previous: (before(v)?.prices ?? null) as PriceSet | null,
    })),
    timeOfDay: windows
      .filter((w) => Array.isArray(w.timeOfDay) && w.timeOfDay.length > 0)
      .map((w) => ({
        provider: w.provider,
        model: w.model,
        displayName: w.displayName,
        prices: w.prices as PriceSet,
        windows: w.timeOfDay as TimeOfDay,
      })),
  };
}
