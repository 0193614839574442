import { reply } from "@/lib/api/define-contract";
import { withSession } from "@/lib/api/with-session";
import { addFixedCost, fixedCostView, listFixedCosts } from "@/lib/chargeback";
import { orgAddFixedCostContract, orgFixedCostsContract } from "@/lib/contracts/chargeback";

export const dynamic = "force-dynamic";

export const GET = withSession(orgFixedCostsContract, async (ctx, { query }) => ({
  fixedCosts: (await listFixedCosts(ctx.orgId, query.period)).map((f) => fixedCostView({ ...f, period: query.period })),
}));
export const POST = withSession(orgAddFixedCostContract, async (ctx, { body }) =>
  reply(201, { fixedCost: await addFixedCost(ctx, body) }),
);
