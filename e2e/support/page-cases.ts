import { scanAppTree } from "../../lib/contracts/app-tree";

/**
 * Every page of the app/ tree (found on disk), keyed by its pattern, with a concrete path to
 * visit and whether it belongs to an organisation. A page without a case fails the isolation
 * suite: add one here when you add a page.
 */
export type PageCase = { path: (org: string) => string; tenant: "org" | "none" };

export const PAGE_CASES: Record<string, PageCase> = {
  "/": { path: () => "/", tenant: "none" },
  "/login": { path: () => "/login", tenant: "none" },
  "/signup": { path: () => "/signup", tenant: "none" },
  "/new-org": { path: () => "/new-org", tenant: "none" },
  "/account": { path: () => "/account", tenant: "none" },
  "/forgot-password": { path: () => "/forgot-password", tenant: "none" },
  "/reset-password/{token}": { path: () => "/reset-password/c0000000000000000000missing", tenant: "none" },
  "/verify-email/{token}": { path: () => "/verify-email/c0000000000000000000missing", tenant: "none" },
  "/admin/prices": { path: () => "/admin/prices", tenant: "none" },
  "/invite/{token}": { path: () => "/invite/c0000000000000000000missing", tenant: "none" },
  "/{org}": { path: (org) => `/${org}`, tenant: "org" },
  "/{org}/explore": { path: (org) => `/${org}/explore`, tenant: "org" },
  "/{org}/savings": { path: (org) => `/${org}/savings`, tenant: "org" },
  "/{org}/dimensions/{dimension}/{value}": { path: (org) => `/${org}/dimensions/team/search`, tenant: "org" },
  "/{org}/settings/api-keys": { path: (org) => `/${org}/settings/api-keys`, tenant: "org" },
  "/{org}/settings/members": { path: (org) => `/${org}/settings/members`, tenant: "org" },
  "/{org}/settings/prices": { path: (org) => `/${org}/settings/prices`, tenant: "org" },
  "/{org}/settings/audit": { path: (org) => `/${org}/settings/audit`, tenant: "org" },
  "/{org}/settings/channels": { path: (org) => `/${org}/settings/channels`, tenant: "org" },
  "/{org}/settings/webhooks": { path: (org) => `/${org}/settings/webhooks`, tenant: "org" },
  "/{org}/docs": { path: (org) => `/${org}/docs`, tenant: "org" },
  "/{org}/budgets": { path: (org) => `/${org}/budgets`, tenant: "org" },
  "/{org}/budgets/new": { path: (org) => `/${org}/budgets/new`, tenant: "org" },
  "/{org}/budgets/{budgetId}": { path: (org) => `/${org}/budgets/c0000000000000000000missing`, tenant: "org" },
  "/{org}/budgets/{budgetId}/edit": {
    path: (org) => `/${org}/budgets/c0000000000000000000missing/edit`,
    tenant: "org",
  },
  "/{org}/alerts": { path: (org) => `/${org}/alerts`, tenant: "org" },
  "/{org}/anomalies": { path: (org) => `/${org}/anomalies`, tenant: "org" },
  "/{org}/anomalies/{anomalyId}": { path: (org) => `/${org}/anomalies/c0000000000000000000missing`, tenant: "org" },
  "/{org}/settings/organization": { path: (org) => `/${org}/settings/organization`, tenant: "org" },
  "/{org}/chargeback": { path: (org) => `/${org}/chargeback`, tenant: "org" },
  "/{org}/chargeback/statements/{statementId}": {
    path: (org) => `/${org}/chargeback/statements/c0000000000000000000missing`,
    tenant: "org",
  },
};

export const PAGES = scanAppTree().pages;
