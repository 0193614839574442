import { can } from "@/lib/auth/permissions";
import { currentUser, type SessionUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { OrgContext } from "@/lib/tenancy/context";
import { findMembership } from "@/lib/tenancy/find-membership";
import { type ContractHandler, type ContractRoute, contractRoute } from "./contract-route";
import type { RouteContract } from "./define-contract";
import { enforceRateLimit } from "./rate-limit";

export type SessionContext = OrgContext & { requestId: string; user: SessionUser };
export type UserContext = { requestId: string; user: SessionUser };

type SessionContract = RouteContract & { auth: { kind: "session" }; path: `/api/orgs/{org}${string}` };
type UserContract = RouteContract & { auth: { kind: "user" } };

/** The session's user (401 without one), within their per-user request budget (429 beyond it). */
async function signedIn(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized", "Sign in first");
  await enforceRateLimit(`user:${user.id}`, env().SESSION_RATE_LIMIT_PER_MINUTE);
  return user;
}

/**
 * The one wrapper for dashboard API routes under /api/orgs/{org}/…: the user comes from the
 * next-auth session, the organisation from the path slug checked against the user's memberships
 * (not a member = 404, never 403), then the contract's permission is checked for the member's role.
 */
export function withSession<C extends SessionContract>(
  contract: C,
  handler: ContractHandler<C, SessionContext>,
): ContractRoute<C> {
  const { permission } = contract.auth;
  return contractRoute(
    contract,
    async (_req, params, requestId): Promise<SessionContext> => {
      const user = await signedIn();
      const membership = await findMembership(user.id, params.org!);
      if (!membership) throw AppError.notFound("Organisation not found");
      if (!can(membership.role, permission)) {
        throw new AppError("forbidden", `Your role (${membership.role}) cannot do this (needs ${permission})`);
      }
      return {
        orgId: membership.org.id,
        orgSlug: membership.org.slug,
        role: membership.role,
        scopes: [],
        actor: { type: "user", userId: user.id, email: user.email },
        requestId,
        user,
      };
    },
    handler,
  );
}

/** For routes that need a signed-in user but no organisation (e.g. creating one, accepting an invite). */
export function withUser<C extends UserContract>(
  contract: C,
  handler: ContractHandler<C, UserContext>,
): ContractRoute<C> {
  return contractRoute(contract, async (_req, _params, requestId) => ({ requestId, user: await signedIn() }), handler);
}
