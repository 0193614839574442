import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import type { OrgContext } from "@/lib/tenancy/context";

/** Only an OWNER may make or unmake OWNERs. */
export function assertMayGrant(ctx: OrgContext, role: Role): void {
  if (role === "OWNER" && ctx.role !== "OWNER") {
    throw new AppError("forbidden", "Only an owner can grant the OWNER role", [
      { path: "role", message: "only an owner can grant OWNER" },
    ]);
  }
}

export function assertMayChangeMember(ctx: OrgContext, targetRole: Role): void {
  if (targetRole === "OWNER" && ctx.role !== "OWNER") {
    throw new AppError("forbidden", "Only an owner can change or remove an owner");
  }
}
