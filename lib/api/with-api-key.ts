import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import type { ApiKeyScope } from "@/lib/db/generated/enums";
import { authenticateApiKey } from "@/lib/apikeys/authenticate-api-key";
import { env } from "@/lib/env";
import type { OrgContext } from "@/lib/tenancy/context";
import { AppError } from "@/lib/errors";
import { enforceRateLimit } from "./rate-limit";
import { errorResponse } from "./respond";

export type ApiKeyContext = OrgContext & {
  requestId: string;
  defaultAttribution: Record<string, string>;
  /** The organisation's backfill setting, read with the key (saves the ingest path a query). */
  allowBackfill: boolean;
};

type Handler = (req: NextRequest, ctx: ApiKeyContext) => Promise<Response>;

/**
 * The one wrapper for routes called by services with `Authorization: Bearer br_live_…`.
 * The organisation comes from the key alone; scope, revocation and the per-key rate limit
 * are checked here so no handler can forget them; every error leaves in the one shape.
 */
export function withApiKey(scope: ApiKeyScope, handler: Handler) {
  return async (req: NextRequest): Promise<Response> => {
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    try {
      const header = req.headers.get("authorization") ?? "";
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) {
        throw new AppError("unauthorized", "Missing API key: send Authorization: Bearer <key>", [
          { path: "authorization", message: "missing or not a Bearer token" },
        ]);
      }
      const key = await authenticateApiKey(match[1]!);
      if (!key) {
        throw new AppError("unauthorized", "Invalid or revoked API key", [
          { path: "authorization", message: "invalid or revoked API key" },
        ]);
      }
      if (!key.scopes.includes(scope)) {
        throw new AppError("forbidden", `This API key lacks the '${scope}' scope`, [
          { path: "authorization", message: `scope '${scope}' required` },
        ]);
      }
      await enforceRateLimit(`key:${key.id}`, env().RATE_LIMIT_PER_MINUTE);
      const ctx: ApiKeyContext = {
        orgId: key.orgId,
        orgSlug: key.org.slug,
        role: null,
        scopes: key.scopes,
        actor: { type: "apiKey", apiKeyId: key.id, name: key.name },
        requestId,
        defaultAttribution: (key.defaultAttribution ?? {}) as Record<string, string>,
        allowBackfill: key.org.allowBackfill,
      };
      const res = await handler(req, ctx);
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (err) {
      const res = errorResponse(err, { requestId, route: req.nextUrl.pathname });
      res.headers.set("x-request-id", requestId);
      return res;
    }
  };
}
