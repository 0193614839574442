// The budgets domain API (routes and pages call these; each takes the tenant's OrgContext).
export {
  createBudgetSchema,
  updateBudgetSchema,
  timeZoneSchema,
  budgetScopeSchema,
  thresholdSchema,
} from "./budget-input";
export type { BudgetView } from "./budget-view";
export { createBudget, listBudgets, getBudget, updateBudget, deleteBudget } from "./manage-budgets";
export { getBudgetStatus, pageSchema } from "./budget-status";
export { listAlerts, acknowledgeAlert, listAlertsSchema, alertStateSchema } from "./manage-alerts";
export { previewBudget } from "./preview-budget";
export { setOrganizationTimeZone } from "./set-time-zone";
export { listBudgetPeriods } from "./budget-history";
