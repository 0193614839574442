import { describe, expect, it } from "vitest";
import { can, ROLES, type Permission } from "./permissions";

// The role matrix as the product promises it (README "Roles"): rows are permissions, columns roles.
const EXPECTED: Record<Permission, string> = {
  //                 OWNER ADMIN FINANCE ENGINEER VIEWER
  "org:read": "Y Y Y Y Y",
  "org:settings": "Y Y N N N",
  "org:delete": "Y N N N N",
  "members:manage": "Y Y N N N",
  "apikeys:manage": "Y Y N Y N",
  "budgets:manage": "Y Y Y N N",
  "chargeback:manage": "Y Y Y N N",
  "prices:manage": "Y Y Y N N",
  "audit:read": "Y Y N N N",
};

describe("role permissions", () => {
  for (const [permission, row] of Object.entries(EXPECTED) as [Permission, string][]) {
    it(permission, () => {
      expect(ROLES.map((r) => (can(r, permission) ? "Y" : "N")).join(" ")).toBe(row);
    });
  }
});
