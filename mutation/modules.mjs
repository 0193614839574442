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
  permissions: {
    mutate: ["lib/auth/permissions.ts"],
    testFiles: ["lib/auth/permissions.test.ts"],
  },
};
