import type { Permission } from "../../lib/auth/permissions";

/**
 * Every session-authenticated dashboard API route, with the permission it needs.
 * The tenant-isolation and role-matrix specs iterate over this list: add each new route here.
 */
export type Ids = { org: string; keyId: string; memberId: string; overrideId: string };
export type RouteCase = {
  name: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: (ids: Ids) => string;
  body?: () => unknown;
  permission: Permission;
};

export const SESSION_ROUTES: RouteCase[] = [
  { name: "list API keys", method: "GET", path: (i) => `/api/orgs/${i.org}/api-keys`, permission: "apikeys:manage" },
  {
    name: "create API key",
    method: "POST",
    path: (i) => `/api/orgs/${i.org}/api-keys`,
    body: () => ({ name: "matrix", scopes: ["read"] }),
    permission: "apikeys:manage",
  },
  {
    name: "revoke API key",
    method: "DELETE",
    path: (i) => `/api/orgs/${i.org}/api-keys/${i.keyId}`,
    permission: "apikeys:manage",
  },
  { name: "list members", method: "GET", path: (i) => `/api/orgs/${i.org}/members`, permission: "org:read" },
  {
    name: "invite member",
    method: "POST",
    path: (i) => `/api/orgs/${i.org}/members`,
    body: () => ({ email: `x${Math.random().toString(36).slice(2)}@e2e.test`, role: "VIEWER" }),
    permission: "members:manage",
  },
  {
    name: "change member role",
    method: "PATCH",
    path: (i) => `/api/orgs/${i.org}/members/${i.memberId}`,
    body: () => ({ role: "VIEWER" }),
    permission: "members:manage",
  },
  {
    name: "remove member",
    method: "DELETE",
    path: (i) => `/api/orgs/${i.org}/members/${i.memberId}`,
    permission: "members:manage",
  },
  { name: "read audit log", method: "GET", path: (i) => `/api/orgs/${i.org}/audit`, permission: "audit:read" },
  {
    name: "browse price catalog",
    method: "GET",
    path: (i) => `/api/orgs/${i.org}/prices?search=gpt`,
    permission: "org:read",
  },
  {
    name: "list price overrides",
    method: "GET",
    path: (i) => `/api/orgs/${i.org}/price-overrides`,
    permission: "org:read",
  },
  {
    name: "add price override",
    method: "POST",
    path: (i) => `/api/orgs/${i.org}/price-overrides`,
    body: () => ({ kind: "DISCOUNT", percentOff: "5", provider: "openai", effectiveFrom: "2099-01-01T00:00:00Z" }),
    permission: "prices:manage",
  },
  {
    name: "end price override",
    method: "DELETE",
    path: (i) => `/api/orgs/${i.org}/price-overrides/${i.overrideId}`,
    permission: "prices:manage",
  },
  { name: "list unpriced models", method: "GET", path: (i) => `/api/orgs/${i.org}/unpriced`, permission: "org:read" },
  {
    name: "count active end users",
    method: "GET",
    path: (i) => `/api/orgs/${i.org}/active-end-users?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z`,
    permission: "org:read",
  },
  {
    name: "list re-pricing jobs",
    method: "GET",
    path: (i) => `/api/orgs/${i.org}/reprice-jobs`,
    permission: "org:read",
  },
  { name: "query spend", method: "GET", path: (i) => `/api/orgs/${i.org}/spend?groupBy=team`, permission: "org:read" },
];

/** Every dashboard page under an organisation. */
export const ORG_PAGES = [
  "",
  "/explore",
  "/dimensions/team/search",
  "/settings/api-keys",
  "/settings/members",
  "/settings/prices",
  "/settings/audit",
  "/docs",
];

/** API-key routes: [method, path, scope]. */
export const KEY_ROUTES: { method: "GET" | "POST"; path: string; scope: "ingest" | "read" }[] = [
  { method: "GET", path: "/api/v1/me", scope: "read" },
  { method: "GET", path: "/api/v1/spend?groupBy=team", scope: "read" },
];
