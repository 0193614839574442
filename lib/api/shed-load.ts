import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import type { ContractRoute } from "./contract-route";
import type { RouteContract } from "./define-contract";
import { errorResponse } from "./respond";

const BUSY = new AppError("unavailable", "Too many requests in progress; retry after Retry-After seconds", [], 1);

/**
 * Load shedding for a route: at most `limit()` of its requests run at once in this process; the
 * next ones get 503 + Retry-After at once instead of queueing for a database connection, so
 * latency stays bounded when clients send more than Postgres can take.
 */
export function shedWhenBusy<C extends RouteContract>(route: ContractRoute<C>, limit: () => number): ContractRoute<C> {
  let inFlight = 0;
  const shed = async (req: NextRequest, args: Parameters<ContractRoute<C>>[1]): Promise<Response> => {
    if (inFlight >= limit()) return errorResponse(BUSY);
    inFlight++;
    try {
      return await route(req, args);
    } finally {
      inFlight--;
    }
  };
  return Object.assign(shed, { contract: route.contract });
}
