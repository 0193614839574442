import { db } from "@/lib/db";

/** The user's membership in the organisation with this slug, or null (not a member = not found). */
export async function findMembership(userId: string, orgSlug: string) {
  return db().membership.findFirst({
    where: { userId, org: { slug: orgSlug } },
    select: { role: true, org: { select: { id: true, slug: true, name: true, currency: true } } },
  });
}

export async function listMemberships(userId: string) {
  return db().membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, org: { select: { id: true, slug: true, name: true } } },
  });
}
