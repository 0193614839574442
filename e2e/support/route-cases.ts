import type { RouteContract } from "../../lib/api/define-contract";
import { CONTRACTS, type ContractName } from "../../lib/contracts";

/**
 * Example data for calling each route in the security suites, keyed by contract name. What a
 * route needs (key scope, permission) comes from its contract, never from here. A contract
 * without a case fails both suites: add one here when you add a route.
 */
export type Ids = {
  org: string;
  keyId: string;
  memberId: string;
  overrideId: string;
  token: string;
  webhookId: string;
  channelId: string;
  deliveryId: string;
  budgetId: string;
  alertId: string;
  inviteId: string;
  statementId: string;
  costId: string;
  orgId: string;
  anomalyId: string;
};
/** `namesObject`: the body names one object by id (as a path id would): a missing one is a 404. */
export type RouteCase = { query?: Record<string, string>; body?: () => unknown; namesObject?: true };

const MISSING = "c0000000000000000000missing";
export const missingIds = (org: string): Ids => ({
  org,
  keyId: MISSING,
  memberId: MISSING,
  overrideId: MISSING,
  token: MISSING,
  webhookId: MISSING,
  channelId: MISSING,
  deliveryId: MISSING,
  budgetId: MISSING,
  alertId: MISSING,
  inviteId: MISSING,
  statementId: MISSING,
  costId: MISSING,
  orgId: MISSING,
  anomalyId: MISSING,
});

const unique = () => Math.random().toString(36).slice(2);
// A public address literal (no DNS needed); nothing is ever published to it during the suites.
const webhookCase = () => ({ url: "https://93.184.215.14/burnrate-case", events: ["budget.threshold_reached"] });
const channelCase = () => ({ kind: "email", name: `case ${unique()}`, recipients: ["ops@e2e.test"] });

export const ROUTE_CASES: Record<ContractName, RouteCase> = {
  "events.ingest": {
    body: () => ({
      eventId: `case-${unique()}`,
      timestamp: new Date().toISOString(),
      provider: "openai",
      model: "gpt-4o",
      inputTokens: 1,
      outputTokens: 1,
    }),
  },
  "spend.query": { query: { groupBy: "team" } },
  "limits.check": { query: { team: "search", customer: "acme" } },
  "limits.reserve": { body: () => ({ team: "search", estimatedCost: "0.01", ttlSeconds: 60 }) },
  "limits.release": { body: () => ({ reservationId: `rsv_case_${unique()}` }), namesObject: true },
  "otel.traces": { body: () => ({ resourceSpans: [] }) },
  me: {},
  openapi: {},
  health: {},
  "auth.signup": {
    body: () => ({ email: `case-${unique()}@e2e.test`, password: "correct horse battery", organizationName: "Case" }),
  },
  "organizations.list": {},
  "organizations.create": { body: () => ({ name: `case ${unique()}` }) },
  "invites.accept": {},
  "apiKeys.list": {},
  "apiKeys.create": { body: () => ({ name: "matrix", scopes: ["read"] }) },
  "apiKeys.revoke": {},
  "members.list": {},
  "members.invite": { body: () => ({ email: `x${unique()}@e2e.test`, role: "VIEWER" }) },
  "members.changeRole": { body: () => ({ role: "VIEWER" }) },
  "members.remove": {},
  "audit.list": {},
  "prices.catalog": { query: { search: "gpt" } },
  "priceOverrides.list": {},
  "priceOverrides.create": {
    body: () => ({ kind: "DISCOUNT", percentOff: "5", provider: "openai", effectiveFrom: "2099-01-01T00:00:00Z" }),
  },
  "priceOverrides.end": {},
  "repriceJobs.list": {},
  "prices.unpriced": {},
  "prices.schedule": {},
  "admin.importPrices": { body: () => ({ format: "csv", content: "provider,model\n" }) },
  "admin.priceSync.list": {},
  "admin.priceSync.run": {},
  "admin.priceSync.decide": { body: () => ({ runId: MISSING, decision: "dismiss" }) },
  "spend.activeEndUsers": { query: { from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" } },
  "spend.dashboard": { query: { groupBy: "team" } },
  "insights.list": {},
  "insights.dashboard": {},
  "insights.settings": {},
  "insights.updateSettings": { body: () => ({ nonInteractiveFeatures: ["nightly-report"] }) },
  "orgInsights.settings": {},
  "orgInsights.updateSettings": { body: () => ({ nonInteractiveFeatures: ["nightly-report"] }) },
  "webhooks.list": {},
  "webhooks.list.dashboard": {},
  "webhooks.delete": {},
  "webhooks.delete.dashboard": {},
  "webhooks.rotateSecret": {},
  "webhooks.rotateSecret.dashboard": {},
  "webhooks.replay": {},
  "webhooks.replay.dashboard": {},
  "channels.list": {},
  "channels.list.dashboard": {},
  "channels.get": {},
  "channels.get.dashboard": {},
  "channels.delete": {},
  "channels.delete.dashboard": {},
  "channels.test": {},
  "channels.test.dashboard": {},
  "webhooks.create": { body: webhookCase },
  "webhooks.deliveries": { query: { limit: "5" } },
  "channels.create": { body: channelCase },
  "channels.update": { body: () => ({ name: "renamed" }) },
  "channels.deliveries": { query: { limit: "5" } },
  "webhooks.create.dashboard": { body: webhookCase },
  "webhooks.deliveries.dashboard": { query: { limit: "5" } },
  "channels.create.dashboard": { body: channelCase },
  "channels.update.dashboard": { body: () => ({ name: "renamed" }) },
  "channels.deliveries.dashboard": { query: { limit: "5" } },
  "budgets.create": { body: () => budgetBody() },
  "budgets.list": {},
  "budgets.get": {},
  "budgets.update": { body: () => ({ amount: "600.00" }) },
  "budgets.delete": {},
  "budgets.status": { query: { page: "1" } },
  "alerts.list": { query: { state: "open" } },
  "alerts.acknowledge": {},
  "orgBudgets.create": { body: () => budgetBody() },
  "orgBudgets.list": {},
  "orgBudgets.get": {},
  "orgBudgets.update": { body: () => ({ amount: "600.00" }) },
  "orgBudgets.delete": {},
  "orgBudgets.status": { query: { page: "1" } },
  "orgBudgets.history": {},
  "orgBudgets.preview": { body: () => ({ scope: { team: "*" }, period: "month", amount: "50" }) },
  "orgAlerts.list": { query: { state: "open" } },
  "orgAlerts.acknowledge": {},
  "organizations.setTimeZone": { body: () => ({ timeZone: "Europe/Berlin" }) },
  "budgets.dryRun": { body: () => ({ scope: { customer: "*" }, period: "month", amount: "50" }) },
  "orgBudgets.dryRun": { body: () => ({ scope: { customer: "*" }, period: "month", amount: "50" }) },
  "budgets.override": { body: () => ({ amount: "10.00", reason: "case" }) },
  "orgBudgets.override": { body: () => ({ amount: "10.00", reason: "case" }) },
  "orgBudgets.overrides": {},
  "caps.list": {},
  "organizations.setCapFailMode": { body: () => ({ failMode: "open" }) },
  "invites.revoke": {},
  "chargeback.statements": { query: { period: "2026-10" } },
  "chargeback.statement": {},
  "chargeback.statementCsv": {},
  "exports.focus": { query: { from: "2026-10-01T00:00:00Z", to: "2026-11-01T00:00:00Z" } },
  "orgChargeback.period": { query: { period: "2026-10" } },
  "orgChargeback.statement": {},
  "orgChargeback.statementCsv": {},
  "orgExports.focus": { query: { from: "2026-10-01T00:00:00Z", to: "2026-11-01T00:00:00Z" } },
  "orgChargeback.settings": {},
  "orgChargeback.updateSettings": { body: () => ({ graceDays: 3 }) },
  "orgChargeback.preview": { body: () => ({ period: "2026-10", rule: { method: "even" } }) },
  "orgChargeback.fixedCosts": { query: { period: "2026-10" } },
  "orgChargeback.addFixedCost": { body: () => ({ period: "2099-01", name: `case ${unique()}`, amount: "1" }) },
  "orgChargeback.deleteFixedCost": {},
  "orgChargeback.releaseInvoice": {},
  "orgStripe.connect": {
    body: () => ({ secretKey: "rk_test_caseCaseCase1234", webhookSecret: "whsec_caseCaseCase1234" }),
  },
  "orgStripe.disconnect": {},
  "orgStripe.customers": {},
  "orgStripe.mapCustomer": { body: () => ({ party: "case-customer", stripeCustomerId: "cus_case1234" }) },
  "stripe.webhook": { body: () => ({ id: "evt_case", object: "event", type: "invoice.paid", data: { object: {} } }) },
  "anomalies.list": { query: { status: "open" } },
  "anomalies.feedback": { body: () => ({ feedback: "real" }) },
  "orgAnomalies.list": { query: { status: "open" } },
  "orgAnomalies.get": {},
  "orgAnomalies.feedback": { body: () => ({ feedback: "real" }) },
  "anomalies.settings": {},
  "anomalies.updateSettings": { body: () => ({ alertMinPercent: 25 }) },
  "orgAnomalies.settings": {},
  "orgAnomalies.updateSettings": { body: () => ({ alertMinPercent: 25 }) },
  // A wrong current password: the suites must not end the session they run on.
  "account.changePassword": {
    body: () => ({ currentPassword: "not the current one", newPassword: "another long passphrase" }),
  },
  "account.sendVerification": {},
  "auth.verifyEmail": { body: () => ({ token: MISSING }) },
  "auth.requestPasswordReset": { body: () => ({ email: `nobody-${unique()}@e2e.test` }) },
  "auth.resetPassword": { body: () => ({ token: MISSING, newPassword: "another long passphrase" }) },
};

function budgetBody() {
  return { name: `case ${unique()}`, scope: { team: "search" }, period: "month", amount: "500.00" };
}

/** The case of a contract; throws (failing the test) when the contract has none. */
export function caseOf(contract: RouteContract): RouteCase {
  const c = (ROUTE_CASES as Record<string, RouteCase | undefined>)[contract.name];
  if (!c)
    throw new Error(
      `route ${contract.name} (${contract.method} ${contract.path}) has no case in e2e/support/route-cases.ts`,
    );
  return c;
}

/** The URL, method and body to call a contract's route with these ids. */
export function requestFor(contract: RouteContract, ids: Ids, extraQuery: Record<string, string> = {}) {
  const c = caseOf(contract);
  const path = contract.path.replace(/\{(\w+)\}/g, (_, k: keyof Ids) => encodeURIComponent(ids[k]));
  const qs = new URLSearchParams({ ...c.query, ...extraQuery }).toString();
  return { url: qs ? `${path}?${qs}` : path, options: { method: contract.method, data: c.body?.() } };
}

/** Whether the path (or the body) names an object by id (beyond the organisation), so that crossing tenants is a 404. */
export const namesObject = (contract: RouteContract) =>
  /\{(?!org\})\w+\}/.test(contract.path) || caseOf(contract).namesObject === true;

export const contractsWith = <K extends RouteContract["auth"]["kind"]>(kind: K) =>
  CONTRACTS.filter((c): c is Extract<(typeof CONTRACTS)[number], { auth: { kind: K } }> => c.auth.kind === kind);
export { CONTRACTS };
