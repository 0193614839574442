import { env } from "@/lib/env";
import { clientAddressOf } from "@/lib/net/client-address";
import { type ContractHandler, type ContractRoute, contractRoute } from "./contract-route";
import type { RouteContract } from "./define-contract";
import { enforceRateLimit } from "./rate-limit";

export type PublicContext = { requestId: string; clientAddress: string };

type PublicContract = RouteContract & { auth: { kind: "public" } };

/**
 * The wrapper for routes anyone may call (sign-up, health, the OpenAPI document): no credential,
 * but the same parsing, response check and error shape; a declared rate limit is per client address.
 */
export function withPublic<C extends PublicContract>(
  contract: C,
  handler: ContractHandler<C, PublicContext>,
): ContractRoute<C> {
  const setting = contract.auth.rateLimit;
  return contractRoute(
    contract,
    async (req, _params, requestId) => {
      const address = clientAddressOf(req.headers);
      // "unknown" (the HTTP edge is not installed): one shared bucket would let one client block everyone.
      if (setting && address !== "unknown") await enforceRateLimit(`${contract.name}:${address}`, env()[setting]);
      return { requestId, clientAddress: address };
    },
    handler,
  );
}
