// What `npm run mutate` mutates, module by module, and the tests that must kill the mutants.
// Scoped to the files where a wrong line costs money or leaks a tenant's data; the tests are the
// module's own fast ones (those under test/ need Postgres and are slower, but run the real code).
export const MODULES = {
  pricing: {
    mutate: [
      "lib/pricing/compute-cost.ts",
      "lib/pricing/price-usage.ts",
      "lib/pricing/reported-cost.ts",
      "lib/pricing/price-book.ts",
    ],
    testFiles: [
      "lib/pricing/compute-cost.test.ts",
      "lib/pricing/discount-mismatch.test.ts",
      "lib/pricing/price-book.test.ts",
    ],
  },
  api: {
    mutate: [
      "lib/api/with-api-key.ts",
      "lib/api/with-session.ts",
      "lib/api/with-public.ts",
      "lib/api/contract-route.ts",
      "lib/api/parse.ts",
      "lib/api/find-nul.ts",
      "lib/api/respond.ts",
      "lib/api/http-status.ts",
      "lib/api/check-response.ts",
      "lib/api/rate-limit.ts",
    ],
    testFiles: [
      "lib/api/contract-route.test.ts",
      "lib/api/respond-parse.test.ts",
      "lib/api/find-nul.test.ts",
      "lib/api/check-response.test.ts",
      "lib/api/rate-limit.test.ts",
      "test/api-wrappers.test.ts",
      "test/rate-limit.test.ts",
    ],
  },
  // The checks before authentication (size, media type, origin, request id, path parameters): its own
  // entry so that its figure can be taken in minutes; the api entry's figure predates it.
  "api-guards": {
    mutate: ["lib/api/request-guards.ts"],
    testFiles: ["test/request-guards.test.ts", "lib/api/contract-route.test.ts", "lib/api/respond-parse.test.ts"],
  },
  apikeys: {
    mutate: ["lib/apikeys/*.ts", "!lib/apikeys/*.test.ts"],
    testFiles: [
      "lib/apikeys/key-format.test.ts",
      "lib/apikeys/create-api-key-input.test.ts",
      "test/api-keys.test.ts",
      "test/api-keys-auth.test.ts",
      "test/tenant-isolation.test.ts",
    ],
  },
  "webhook-signing": {
    mutate: ["lib/webhooks/sign-webhook.ts", "lib/webhooks/webhook-secret.ts"],
    testFiles: ["lib/webhooks/sign-webhook.test.ts", "lib/crypto/secret-box.test.ts"],
  },
  ingest: {
    mutate: ["lib/ingest/*.ts", "!lib/ingest/*.test.ts", "!lib/ingest/event-row.ts"],
    testFiles: [
      "lib/ingest/prepare-events.test.ts",
      "lib/ingest/event-schema.test.ts",
      "lib/ingest/read-body.test.ts",
      "lib/ingest/after-commit.test.ts",
      "test/ingest-batch.test.ts",
    ],
  },
  rollups: {
    mutate: ["lib/rollups/*.ts", "!lib/rollups/*.test.ts"],
    testFiles: [
      "lib/rollups/spend-query.test.ts",
      "test/rollups-oracle.test.ts",
      "test/rollups-query.test.ts",
      "test/rollups-fold.test.ts",
      "test/query-spend.test.ts",
      "test/rollups-scoped.test.ts",
      "test/rollups-delta-sql.test.ts",
      "test/active-end-users-query.test.ts",
      "test/tenant-isolation.test.ts",
    ],
  },
  // Budgets: so far the pure core (periods, forecast); the evaluation and alert SQL is not measured yet.
  budgets: {
    mutate: ["lib/budgets/budget-period.ts", "lib/budgets/forecast-spend.ts"],
    testFiles: [
      "lib/budgets/budget-period.test.ts",
      "lib/budgets/forecast-spend.test.ts",
      "test/budgets-forecast.test.ts",
    ],
  },
  // Budget evaluation: thresholds, crossings, alerts, the mark and the sweeper's lists. Not
  // lib/budgets/record-caps.ts (hard caps, being rewritten with lib/limits).
  "budgets-evaluation": {
    mutate: [
      "lib/budgets/evaluate-budget-period.ts",
      "lib/budgets/evaluate-org-budgets.ts",
      "lib/budgets/budget-spend.ts",
    ],
    testFiles: ["test/budgets-evaluation.test.ts", "test/budgets-alerts.test.ts", "test/budgets-forecast.test.ts"],
  },
  // Hard caps, scoped to where a wrong line lets a call through or refuses it: the check, the atomic
  // reserve, release/expiry, what a cap is decided on (held spend, overrides, the room left), which
  // budgets cover a call, the per-process copies of the figures, the rate-limit window. Left out so
  // that a run fits in an hour on two shared cores (its tests reserve 100 times concurrently): the
  // Redis versions (lib/redis/cap-versions.ts), caps-for.ts and cap-budgets.ts (the budget list and
  // its cache), call-attributes.ts, the settle SQL, fail-mode.ts (the outage bookkeeping and its
  // alert: test/limits-outage.test.ts starts its own Postgres and Redis, minutes per mutant), the dry
  // run and the zod input. The answers of checkLimits/reserveSpend in an outage are measured, through
  // test/limits-fail-mode.test.ts (this process's Postgres clients refused, the shared Redis up).
  limits: {
    mutate: [
      "lib/limits/check-limits.ts",
      "lib/limits/reserve-spend.ts",
      "lib/limits/release-reservation.ts",
      "lib/limits/held-spend.ts",
      "lib/limits/cap-view.ts",
      "lib/limits/match-budgets.ts",
      "lib/limits/cap-figures-cache.ts",
      "lib/limits/batched-figures.ts",
      "lib/limits/by-org.ts",
      "lib/redis/rate-limit-window.ts",
    ],
    testFiles: [
      "lib/limits/match-budgets.test.ts",
      "lib/limits/cap-figures-cache.test.ts",
      "lib/limits/cap-view.test.ts",
      "test/limits.test.ts",
      "test/limits-fast-path.test.ts",
      "test/limits-boundary.test.ts",
      "test/limits-batched-figures.test.ts",
      "test/limits-fail-mode.test.ts",
      "test/rate-limit.test.ts",
      "test/limits-value-snapshots.test.ts",
      "test/limits-figures-refresh.test.ts",
    ],
  },
  // Reservations in batches: the lanes that group reservations into statements, the mapping of the
  // batch's answers back to each caller, the budgets confirmed once per batch (reserveSpend on top is
  // in "limits"). The SQL function's rules are held by the differential test against the
  // one-at-a-time function (test/limits-reserve-batch.test.ts), each planted by hand.
  "limits-reserve": {
    mutate: ["lib/limits/reserve-batches.ts", "lib/limits/current-cap-org.ts"],
    testFiles: ["test/limits-reserve-batch.test.ts", "test/limits.test.ts", "test/limits-boundary.test.ts"],
  },
  // The names of a check's keys, made once per period object and value (a name lent to the wrong
  // organisation or budget would read another's versions or copy).
  "limits-names": {
    mutate: ["lib/limits/key-names.ts"],
    testFiles: ["lib/limits/key-names.test.ts"],
  },
  // The value snapshots (and the background refresh of the figures copies) of "*" budgets (when a value may be answered without a Postgres read) and the
  // round trip that returns each value's last change. An entry of its own so that it takes minutes.
  // The Lua of lib/redis/cap-versions.ts is module-level text (static, skipped): its rules (a missing
  // history bumps the period) are each shown by a test that fails when the line is removed.
  "limits-snapshots": {
    mutate: [
      "lib/limits/value-snapshots.ts",
      "lib/limits/read-value-snapshot.ts",
      "lib/limits/value-snapshot-reads.ts",
      "lib/limits/limits-round-trip.ts",
      "lib/limits/refresh-cap-figures.ts",
    ],
    testFiles: [
      "test/limits-value-snapshots.test.ts",
      "test/limits-fast-path.test.ts",
      "test/limits-figures-refresh.test.ts",
      "test/limits-figures-refresh-timer.test.ts",
      "lib/limits/cap-figures-cache.test.ts",
    ],
  },
  // Chargeback allocation: how shared usage and fixed costs are split among parties (the remainder
  // rule), markups and adjustments, and the rule's validation (fixed percentages adding up to 100).
  "chargeback-allocation": {
    mutate: ["lib/chargeback/apportion.ts", "lib/chargeback/build-chargeback.ts", "lib/chargeback/allocation-rule.ts"],
    testFiles: [
      "lib/chargeback/apportion.test.ts",
      "lib/chargeback/build-chargeback.test.ts",
      "lib/chargeback/allocation-rule.test.ts",
    ],
  },
  permissions: {
    mutate: ["lib/auth/permissions.ts"],
    testFiles: ["lib/auth/permissions.test.ts"],
  },
};
