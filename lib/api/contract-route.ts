import type { NextRequest } from "next/server";
import { checkResponse } from "./check-response";
import { type HandlerInput, type HandlerResult, Reply, type RouteContract } from "./define-contract";
import { parseJsonBody, parseQuery } from "./parse";
import { guardRequest, maxBodyBytes, pathParams, requestIdOf } from "./request-guards";
import { errorResponse, json } from "./respond";

type RouteArgs = { params: Promise<Record<string, string | string[]>> };

/** Turns a request into the caller's context (throws AppError when it may not call the route). */
export type Authenticate<Ctx> = (req: NextRequest, params: Record<string, string>, requestId: string) => Promise<Ctx>;

export type ContractHandler<C extends RouteContract, Ctx> = (
  ctx: Ctx,
  input: HandlerInput<C>,
) => Promise<HandlerResult<C>>;

/** A route handler as Next.js calls it, carrying the contract it was built from. */
export type ContractRoute<C extends RouteContract> = ((req: NextRequest, route: RouteArgs) => Promise<Response>) & {
  contract: C;
};

function successStatus(contract: RouteContract): number {
  const ok = Object.keys(contract.responses)
    .map(Number)
    .filter((s) => s >= 200 && s < 300);
  if (ok.length !== 1) throw new Error(`${contract.name}: declares ${ok.length} success statuses; reply() with one`);
  return ok[0]!;
}

/**
 * The one request pipeline under every wrapper: refuse oversized, non-JSON or cross-site requests before
 * reading them, authenticate (the wrapper's part), parse the query
 * and body with the contract's schemas (400 naming the field), call the handler, check the
 * response against the contract (development/test), and map anything thrown to the error shape.
 */
export function contractRoute<C extends RouteContract, Ctx>(
  contract: C,
  authenticate: Authenticate<Ctx>,
  handler: ContractHandler<C, Ctx>,
): ContractRoute<C> {
  const route = async (req: NextRequest, args?: RouteArgs): Promise<Response> => {
    const requestId = requestIdOf(req);
    let res: Response;
    try {
      guardRequest(contract, req);
      const params = await pathParams(args);
      const ctx = await authenticate(req, params, requestId);
      const query = contract.query ? parseQuery(req.url, contract.query) : undefined;
      const body =
        contract.body && contract.parseBody !== false
          ? await parseJsonBody(req, contract.body, maxBodyBytes(contract))
          : undefined;
      const result = await handler(ctx, { req, params, query, body } as HandlerInput<C>);
      if (contract.produces && result instanceof Response) {
        // A non-JSON body (a CSV stream): passed through as the handler built it.
        result.headers.set("x-request-id", requestId);
        result.headers.set("cache-control", "no-store");
        return result;
      }
      const out = result instanceof Reply ? result : new Reply(successStatus(contract), result);
      checkResponse(contract, out.status, out.body);
      res = json(out.body, out.status, out.headers);
    } catch (err) {
      res = errorResponse(err, { requestId, route: contract.name });
    }
    res.headers.set("x-request-id", requestId);
    // API answers may carry secrets (a new key, a webhook secret) or tenant data: never stored by a cache.
    res.headers.set("cache-control", "no-store");
    return res;
  };
  return Object.assign(route, { contract });
}
