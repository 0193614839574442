import type { HandlerInput, HandlerResult, RouteContract } from "@/lib/api/define-contract";
import type { OrgContext } from "@/lib/tenancy/context";

/**
 * A handler written once for an operation served twice (lib/contracts/delivery-fields.ts
 * adminAndSession): typed by the /api/v1 contract, whose input the session route's input extends.
 */
export type SharedHandler<P extends { v1: RouteContract; session: RouteContract }> = (
  ctx: OrgContext,
  input: HandlerInput<P["v1"]> | HandlerInput<P["session"]>,
) => Promise<HandlerResult<P["v1"]> & HandlerResult<P["session"]>>;
