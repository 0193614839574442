import type { Role } from "@/lib/db/generated/enums";

/** What a member may do. Checked on the server for every action (withSession / page guards). */
export type Permission =
  | "org:read"
  | "org:settings"
  | "org:delete"
  | "members:manage"
  | "apikeys:manage"
  | "budgets:manage"
  | "chargeback:manage"
  | "prices:manage"
  | "audit:read";

const ALL: Permission[] = [
  "org:read",
  "org:settings",
  "org:delete",
  "members:manage",
  "apikeys:manage",
  "budgets:manage",
  "chargeback:manage",
  "prices:manage",
  "audit:read",
];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  OWNER: new Set(ALL),
  ADMIN: new Set(ALL.filter((p) => p !== "org:delete")),
  FINANCE: new Set<Permission>(["org:read", "budgets:manage", "chargeback:manage", "prices:manage"]),
  ENGINEER: new Set<Permission>(["org:read", "apikeys:manage"]),
  VIEWER: new Set<Permission>(["org:read"]),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

export const ROLES: Role[] = ["OWNER", "ADMIN", "FINANCE", "ENGINEER", "VIEWER"];
