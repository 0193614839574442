import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { can, type Permission } from "@/lib/auth/permissions";
import { currentUser, type SessionUser } from "@/lib/auth/current-user";
import { findMembership } from "@/lib/tenancy/find-membership";
import type { OrgContext } from "@/lib/tenancy/context";
import { AppError } from "@/lib/errors";
import { errorResponse } from "./respond";

export type SessionContext<P> = OrgContext & { requestId: string; user: SessionUser; params: P };

type RouteArgs<P> = { params: Promise<P> };

/**
 * The one wrapper for dashboard API routes under /api/orgs/[org]/…: the user comes from the
 * next-auth session, the organisation from the path slug checked against the user's memberships
 * (not a member = 404, never 403), then the permission is checked for the member's role.
 */
export function withSession<P extends { org: string }>(
  permission: Permission,
  handler: (req: NextRequest, ctx: SessionContext<P>) => Promise<Response>,
) {
  return async (req: NextRequest, route: RouteArgs<P>): Promise<Response> => {
    const requestId = randomUUID();
    try {
      const user = await currentUser();
      if (!user) throw new AppError("unauthorized", "Sign in first");
      const params = await route.params;
      const membership = await findMembership(user.id, params.org);
      if (!membership) throw AppError.notFound("Organisation not found");
      if (!can(membership.role, permission)) {
        throw new AppError("forbidden", `Your role (${membership.role}) cannot do this (needs ${permission})`);
      }
      const ctx: SessionContext<P> = {
        orgId: membership.org.id,
        orgSlug: membership.org.slug,
        role: membership.role,
        scopes: [],
        actor: { type: "user", userId: user.id, email: user.email },
        requestId,
        user,
        params,
      };
      return await handler(req, ctx);
    } catch (err) {
      return errorResponse(err, { requestId, route: req.nextUrl.pathname });
    }
  };
}

/** For routes that need a signed-in user but no organisation (e.g. creating one, accepting an invite). */
export function withUser<P>(handler: (req: NextRequest, ctx: { user: SessionUser; params: P }) => Promise<Response>) {
  return async (req: NextRequest, route: RouteArgs<P>): Promise<Response> => {
    try {
      const user = await currentUser();
      if (!user) throw new AppError("unauthorized", "Sign in first");
      return await handler(req, { user, params: await route.params });
    } catch (err) {
      return errorResponse(err, { route: req.nextUrl.pathname });
    }
  };
}
