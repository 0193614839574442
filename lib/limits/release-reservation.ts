import { pgPool } from "@/lib/db/pg-pool";
import { AppError } from "@/lib/errors";
import { bumpValueVersions } from "@/lib/redis/cap-versions";
import type { OrgContext } from "@/lib/tenancy/context";
import { parseInput } from "@/lib/budgets/budget-view";
import { releaseInput } from "./limits-input";

/**
 * Returns an unused reservation: its holds stop counting at once. Releasing twice, or a
 * reservation already settled or expired, changes nothing and says what it was.
 */
export type ReservationStatus = "released" | "settled" | "expired";

export async function releaseReservation(ctx: OrgContext, raw: unknown): Promise<{ status: ReservationStatus }> {
  const { reservationId } = parseInput(releaseInput, raw);
  const { rows } = await pgPool().query<{
    status: ReservationStatus | "open" | null;
    released: boolean;
    holds: { budgetId: string; periodStart: string; scopeValue: string }[];
  }>(
    `WITH r AS (
       SELECT status FROM reservations WHERE "orgId" = $1 AND id = $2
     ), upd AS (
       UPDATE reservations SET status = 'released' WHERE "orgId" = $1 AND id = $2 AND status = 'open' RETURNING id
     ), holds AS (
       DELETE FROM reservation_holds WHERE "orgId" = $1 AND "reservationId" = $2 AND state = 'open'
         AND EXISTS (SELECT 1 FROM upd)
       RETURNING "budgetId", "periodStart", "scopeValue"
     )
     SELECT (SELECT status FROM r) AS status, EXISTS (SELECT 1 FROM upd) AS released,
       (SELECT coalesce(json_agg(holds), '[]') FROM holds) AS holds`,
    [ctx.orgId, reservationId],
  );
  const row = rows[0];
  if (!row?.status) throw AppError.notFound("No such reservation in this organisation");
  // After the commit: checks in every process stop trusting their copies of these keys.
  await bumpValueVersions(
    ctx.orgId,
    row.holds.map((h) => ({ ...h, periodStart: new Date(h.periodStart) })),
  );
  return { status: row.released || row.status === "open" ? "released" : row.status };
}

/**
 * Expires reservations nobody settled or released in time (abandoned streams, crashed callers):
 * their open holds already stopped counting at expiresAt; this records it and drops them, and
 * drops settled holds the rollups have caught up with. Returns how many reservations expired.
 */
export async function expireReservations(now = new Date()): Promise<number> {
  const { rows } = await pgPool().query<{ n: number }>(
    `WITH expired AS (
       UPDATE reservations SET status = 'expired' WHERE status = 'open' AND "expiresAt" <= $1 RETURNING "orgId", id
     ), dropped AS (
       DELETE FROM reservation_holds h USING expired e
        WHERE h."orgId" = e."orgId" AND h."reservationId" = e.id AND h.state = 'open'
     ), caught_up AS (
       DELETE FROM reservation_holds h USING budget_period_spend s
        WHERE h.state = 'settled' AND s."orgId" = h."orgId" AND s."budgetId" = h."budgetId"
          AND s."periodStart" = h."periodStart" AND s."scopeValue" = h."scopeValue" AND h."settledAt" < s."foldedBefore"
     )
     SELECT count(*)::int AS n FROM expired`,
    [now],
  );
  return rows[0]!.n;
}
