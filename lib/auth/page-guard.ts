import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { currentUser } from "./current-user";
import { can, type Permission } from "./permissions";
import { findMembership } from "@/lib/tenancy/find-membership";
import { userContext } from "@/lib/tenancy/context";

const membershipFor = cache(findMembership);

/**
 * Server-side guard for dashboard pages: signed in, member of the org in the path (else 404),
 * and, when asked, holding the permission. Returns the org context for lib/ calls.
 */
export async function requireMember(orgSlug: string, permission?: Permission) {
  const user = await currentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(`/${orgSlug}`)}`);
  const membership = await membershipFor(user.id, orgSlug);
  if (!membership) notFound();
  const allowed = permission ? can(membership.role, permission) : true;
  return {
    user,
    org: membership.org,
    role: membership.role,
    allowed,
    ctx: userContext(membership.org, user, membership.role),
  };
}
