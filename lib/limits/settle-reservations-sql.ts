/**
 * Two data-modifying CTEs for the ingest statement, over `<source>` (the inserted usage_events
 * rows): the reservations the events name are settled, once. Each hold then holds the event's
 * actual cost (its estimate when the model has no price), stamped with the ingest transaction's
 * time, which is also the createdAt of the event's rollup deltas (the fold watermark test of
 * lib/limits/held-spend.ts relies on that). `settledHoldsJson` selects the keys whose holds changed.
 */
export function settleReservationsCtes(source: string, orgParam: string): string {
  return `settled_holds AS (
    UPDATE reservation_holds h SET state = 'settled', "amountPico" = coalesce(s."costPico", h."amountPico"),
      "settledAt" = now()
    FROM ${source} s
    WHERE s."reservationId" IS NOT NULL AND h."orgId" = ${orgParam} AND h."reservationId" = s."reservationId"
      AND h.state = 'open'
    RETURNING h."budgetId", h."periodStart", h."scopeValue"
  ), settled_reservations AS (
    UPDATE reservations r SET status = 'settled', "settledEventId" = s."eventId", "settledAt" = now()
    FROM ${source} s
    WHERE s."reservationId" IS NOT NULL AND r."orgId" = ${orgParam} AND r.id = s."reservationId"
      AND r.status IN ('open', 'expired')
    RETURNING r.id
  )`;
}

/** The (budget, period, value) keys whose holds the statement settled, as a JSON array. */
export const SETTLED_HOLDS_JSON = `(SELECT coalesce(json_agg(settled_holds), '[]') FROM settled_holds)`;
