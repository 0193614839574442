import type { NextRequest } from "next/server";
import { authenticateApiKeyCached } from "@/lib/apikeys/api-key-cache";
import { authenticateApiKey } from "@/lib/apikeys/authenticate-api-key";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { OrgContext } from "@/lib/tenancy/context";
import { type ContractHandler, type ContractRoute, contractRoute } from "./contract-route";
import type { RouteContract } from "./define-contract";
import { enforceRateLimit } from "./rate-limit";

export type ApiKeyContext = OrgContext & {
  requestId: string;
  defaultAttribution: Record<string, string>;
  /** The organisation's backfill setting, read with the key (saves the ingest path a query). */
  allowBackfill: boolean;
  /** The key's rate-limit subject: a fastPath handler counts it itself (lib/limits/limits-round-trip.ts). */
  rateSubject: string;
};

export type ApiKeyContract = RouteContract & { auth: { kind: "apiKey" } };

async function authenticate(req: NextRequest, auth: ApiKeyContract["auth"], requestId: string) {
  // Stryker disable next-line StringLiteral: equivalent, any non-Bearer text for a missing header (docs/mutation.md)
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
  if (!match) {
    throw new AppError("unauthorized", "Missing API key: send Authorization: Bearer <key>", [
      { path: "authorization", message: "missing or not a Bearer token" },
    ]);
  }
  const key = await (auth.fastPath ? authenticateApiKeyCached : authenticateApiKey)(match[1]!);
  if (!key) {
    throw new AppError("unauthorized", "Invalid or revoked API key", [
      { path: "authorization", message: "invalid or revoked API key" },
    ]);
  }
  const { scope, orScope } = auth;
  if (!key.scopes.includes(scope) && !(orScope && key.scopes.includes(orScope))) {
    const wanted = orScope ? `'${scope}' or '${orScope}'` : `'${scope}'`;
    throw new AppError("forbidden", `This API key lacks the ${wanted} scope`, [
      { path: "authorization", message: `scope ${wanted} required` },
    ]);
  }
  const rateSubject = `key:${key.id}`;
  if (!auth.fastPath) await enforceRateLimit(rateSubject, env().RATE_LIMIT_PER_MINUTE);
  return {
    orgId: key.orgId,
    orgSlug: key.org.slug,
    role: null,
    scopes: key.scopes,
    actor: { type: "apiKey", apiKeyId: key.id, name: key.name },
    requestId,
    defaultAttribution: (key.defaultAttribution ?? {}) as Record<string, string>,
    allowBackfill: key.org.allowBackfill,
    rateSubject,
  } satisfies ApiKeyContext;
}

/**
 * The one wrapper for routes called by services with `Authorization: Bearer br_live_…`.
 * The organisation comes from the key alone; the scope the contract declares, revocation and the
 * per-key rate limit are checked here so no handler can forget them.
 */
export function withApiKey<C extends ApiKeyContract>(
  contract: C,
  handler: ContractHandler<C, ApiKeyContext>,
): ContractRoute<C> {
  return contractRoute(contract, (req, _params, requestId) => authenticate(req, contract.auth, requestId), handler);
}

/** The same authentication for wrappers that answer in another format (withOtlp). */
export { authenticate as authenticateApiKeyRequest };
