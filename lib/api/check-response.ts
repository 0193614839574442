import { env } from "@/lib/env";
import { AppError, zodIssues } from "@/lib/errors";
import { log } from "@/lib/log";
import type { RouteContract } from "./define-contract";

function mode(): "off" | "warn" | "strict" {
  const e = env();
  return e.BURNRATE_RESPONSE_CHECK ?? (e.NODE_ENV === "production" ? "off" : e.NODE_ENV === "test" ? "strict" : "warn");
}

/**
 * Checks a response body (as JSON will carry it) against the contract's schema for its status.
 * Drift between a handler and its declared contract is a 500 under `strict` so suites catch it.
 */
export function checkResponse(contract: RouteContract, status: number, body: unknown): void {
  const m = mode();
  if (m === "off") return;
  const schema = contract.responses[status];
  const problem = schema
    ? (() => {
        const result = schema.safeParse(JSON.parse(JSON.stringify(body ?? null)));
        return result.success ? null : zodIssues(result.error);
      })()
    : [{ path: "status", message: `status ${status} is not declared` }];
  if (!problem) return;
  log.error({ route: contract.name, status, issues: problem }, "response does not match its contract");
  if (m === "strict") {
    throw new AppError("internal_error", `Response of ${contract.name} does not match its contract`, problem);
  }
}
