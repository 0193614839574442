import type { RouteContract } from "@/lib/api/define-contract";
import { ACCOUNT_CONTRACTS } from "./account";
import { ANOMALY_CONTRACTS } from "./anomalies";
import { activeEndUsersContract } from "./active-end-users";
import { CHANNEL_CONTRACTS } from "./channels";
import { CHARGEBACK_CONTRACTS } from "./chargeback";
import { createApiKeyContract, listApiKeysContract, revokeApiKeyContract } from "./apikeys";
import { listAuditContract } from "./audit";
import { BUDGET_CONTRACTS } from "./budgets";
import { ingestEventsContract } from "./events";
import {
  dashboardInsightsContract,
  insightSettingsContract,
  insightsContract,
  orgInsightSettingsContract,
  orgUpdateInsightSettingsContract,
  updateInsightSettingsContract,
} from "./insights";
import { LIMITS_CONTRACTS } from "./limits";
import { CAP_CONTRACTS } from "./caps";
import { otlpTracesContract } from "./otel";
import { healthContract } from "./health";
import { meContract, openApiContract } from "./me";
import {
  acceptInviteContract,
  changeMemberRoleContract,
  inviteMemberContract,
  listMembersContract,
  removeMemberContract,
  revokeInviteContract,
} from "./members";
import { createOrganizationContract, listOrganizationsContract, signUpContract } from "./organizations";
import {
  createOverrideContract,
  endOverrideContract,
  importPricesContract,
  listCatalogContract,
  listOverridesContract,
  listRepriceJobsContract,
  listUnpricedContract,
} from "./prices";
import { priceScheduleContract } from "./price-schedule";
import { decidePriceSyncContract, listPriceSyncContract, runPriceSyncContract } from "./price-sync";
import { dashboardSpendContract, spendContract } from "./spend";
import { WEBHOOK_CONTRACTS } from "./webhooks";

/**
 * Every API route's contract. A route file may only export handlers built from one of these
 * (test: lib/contracts/routes-match-contracts.test.ts); the OpenAPI document and the security
 * suites (e2e/api/tenant-isolation, role-matrix) iterate this list.
 */
export const CONTRACTS = [
  ingestEventsContract,
  spendContract,
  meContract,
  openApiContract,
  healthContract,
  signUpContract,
  listOrganizationsContract,
  createOrganizationContract,
  acceptInviteContract,
  listApiKeysContract,
  createApiKeyContract,
  revokeApiKeyContract,
  listMembersContract,
  inviteMemberContract,
  changeMemberRoleContract,
  removeMemberContract,
  revokeInviteContract,
  listAuditContract,
  listCatalogContract,
  listOverridesContract,
  createOverrideContract,
  endOverrideContract,
  listRepriceJobsContract,
  listUnpricedContract,
  priceScheduleContract,
  importPricesContract,
  listPriceSyncContract,
  runPriceSyncContract,
  decidePriceSyncContract,
  activeEndUsersContract,
  dashboardSpendContract,
  insightsContract,
  dashboardInsightsContract,
  insightSettingsContract,
  updateInsightSettingsContract,
  orgInsightSettingsContract,
  orgUpdateInsightSettingsContract,
  ...WEBHOOK_CONTRACTS,
  ...CHANNEL_CONTRACTS,
  ...BUDGET_CONTRACTS,
  ...ACCOUNT_CONTRACTS,
  ...LIMITS_CONTRACTS,
  ...CAP_CONTRACTS,
  ...CHARGEBACK_CONTRACTS,
  otlpTracesContract,
  ...ANOMALY_CONTRACTS,
] as const satisfies readonly RouteContract[];

export type ContractName = (typeof CONTRACTS)[number]["name"];

/** Route files that are not ours to wrap, with the reason. */
export const UNWRAPPED_ROUTES: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts": "NextAuth's own handler (sign-in, session, CSRF)",
};
