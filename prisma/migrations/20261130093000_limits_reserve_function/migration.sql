-- The figures a hard cap is decided on, and the reservation as one round trip (lib/limits/held-spend.ts,
-- lib/limits/reserve-spend.ts). Hand-written: Prisma's schema does not describe functions.

-- Per (budget, period, value) key, in the order given: the period's spend in the rollups, what
-- reservations hold (open and unexpired, or settled but not yet folded into the spend), the
-- overrides, and when the first open hold expires.
CREATE OR REPLACE FUNCTION burnrate_cap_figures(p_org text, p_budgets text[], p_periods timestamptz[], p_values text[])
RETURNS TABLE (i int8, spent int8, held int8, extra int8, next timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT k.i,
    coalesce(s."spentPico", 0)::int8,
    coalesce((SELECT sum(h."amountPico") FROM reservation_holds h
      WHERE h."orgId" = p_org AND h."budgetId" = k.b AND h."periodStart" = k.p AND h."scopeValue" = k.v
        AND ((h.state = 'open' AND h."expiresAt" > now())
          OR (h.state = 'settled' AND h."settledAt" >= coalesce(s."foldedBefore", '-infinity')))), 0)::int8,
    coalesce((SELECT sum(o."amountPico") FROM budget_overrides o
      WHERE o."orgId" = p_org AND o."budgetId" = k.b AND o."periodStart" = k.p AND o."scopeValue" = k.v), 0)::int8,
    (SELECT min(h."expiresAt") FROM reservation_holds h
      WHERE h."orgId" = p_org AND h."budgetId" = k.b AND h."periodStart" = k.p AND h."scopeValue" = k.v
        AND h.state = 'open' AND h."expiresAt" > now())
  FROM unnest(p_budgets, p_periods, p_values) WITH ORDINALITY AS k(b, p, v, i)
  LEFT JOIN LATERAL (
    -- One lookup per key by the primary key.
    SELECT "spentPico", "foldedBefore" FROM budget_period_spend
     WHERE "orgId" = p_org AND "budgetId" = k.b AND "periodStart" = k.p AND "scopeValue" = k.v
  ) s ON true
  ORDER BY k.i
$$;

-- Checks every key and reserves, atomically, in one round trip: an advisory lock per key (the
-- caller passes them in a fixed order), then the figures (each statement of a VOLATILE function
-- sees what committed before it, so the holds of a reservation that held the lock are counted),
-- then either the reservation and its holds or a refusal counted against the key with the least
-- room. Returns the figures as read before the reservation, and whether it was granted.
CREATE OR REPLACE FUNCTION burnrate_reserve(
  p_org text, p_locks text[], p_budgets text[], p_periods timestamptz[], p_values text[], p_limits int8[],
  p_amount int8, p_id text, p_attributes jsonb, p_expires timestamptz, p_api_key text
)
RETURNS TABLE (i int8, spent int8, held int8, extra int8, next timestamptz, granted boolean)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  l text;
  a_spent int8[];
  a_held int8[];
  a_extra int8[];
  a_next timestamptz[];
  room int8;
  short_i int := NULL;
  short_room int8 := NULL;
BEGIN
  FOREACH l IN ARRAY p_locks LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended(l, 0));
  END LOOP;
  SELECT array_agg(f.spent ORDER BY f.i), array_agg(f.held ORDER BY f.i), array_agg(f.extra ORDER BY f.i),
         array_agg(f.next ORDER BY f.i)
    INTO a_spent, a_held, a_extra, a_next
    FROM burnrate_cap_figures(p_org, p_budgets, p_periods, p_values) f;
  FOR n IN 1 .. coalesce(array_length(p_budgets, 1), 0) LOOP
    room := p_limits[n] + a_extra[n] - a_spent[n] - a_held[n];
    IF room < p_amount AND (short_room IS NULL OR room < short_room) THEN
      short_i := n;
      short_room := room;
    END IF;
  END LOOP;
  IF short_i IS NULL THEN
    INSERT INTO reservations ("orgId", id, "amountPico", attributes, "expiresAt", "apiKeyId")
      VALUES (p_org, p_id, p_amount, p_attributes, p_expires, p_api_key);
    INSERT INTO reservation_holds ("orgId", "reservationId", "budgetId", "periodStart", "scopeValue", "amountPico", "expiresAt")
      SELECT p_org, p_id, u.b, u.p, u.v, p_amount, p_expires FROM unnest(p_budgets, p_periods, p_values) AS u(b, p, v);
  ELSE
    INSERT INTO cap_refusals ("orgId", "budgetId", "periodStart", "scopeValue", refusals, "refusedPico")
      VALUES (p_org, p_budgets[short_i], p_periods[short_i], p_values[short_i], 1, p_amount)
      ON CONFLICT ("orgId", "budgetId", "periodStart", "scopeValue") DO UPDATE
        SET refusals = cap_refusals.refusals + 1, "refusedPico" = cap_refusals."refusedPico" + EXCLUDED."refusedPico",
            "lastAt" = now();
  END IF;
  RETURN QUERY SELECT u.n, u.s, u.h, u.e, u.x, short_i IS NULL
    FROM unnest(a_spent, a_held, a_extra, a_next) WITH ORDINALITY AS u(s, h, e, x, n);
END
$$;

-- The "each end user" budgets put 100,000 rows under one (budget, period): without fresh statistics
-- the planner has been seen to read them all through the spentPico index for one value (15 ms
-- instead of 0.01 ms). Analyse the table after 2% of it changed rather than the default 10%.
ALTER TABLE budget_period_spend SET (autovacuum_analyze_scale_factor = 0.02);
