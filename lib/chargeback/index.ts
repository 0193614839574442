// The chargeback domain API: allocation of shared costs, statements (preview, close, adjustments).
export { ALLOCATION_METHODS, allocationRuleSchema, markupsSchema } from "./allocation-rule";
export type { AllocationRule, Markups } from "./allocation-rule";
export { apportion } from "./apportion";
export { type PriceLists, priceListsSchema } from "./price-list";
export { buildChargeback } from "./build-chargeback";
export { closeAllDuePeriods, closeDuePeriods, closePeriod, closesAt } from "./close-period";
export { addFixedCost, deleteFixedCost, fixedCostBody, fixedCostView, listFixedCosts } from "./fixed-costs";
export { getStatement, listStatements, type PeriodView } from "./list-statements";
export { periodBounds, periodContaining, periodSchema, shiftPeriod } from "./period";
export {
  chargebackSettingsBody,
  getChargebackSettings,
  PARTY_DIMENSIONS,
  saveChargebackSettings,
  type ChargebackSettingsView,
} from "./settings";
export { type StatementView, statementNumber } from "./statement-view";
