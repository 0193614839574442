import { reply } from "@/lib/api/define-contract";
import { withSession } from "@/lib/api/with-session";
import { listCapOverrides, overrideCap } from "@/lib/budgets/override-cap";
import { orgListOverridesContract, orgOverrideCapContract } from "@/lib/contracts/caps";

export const GET = withSession(orgListOverridesContract, async (ctx, { params }) => ({
  overrides: await listCapOverrides(ctx, params.budgetId),
}));
export const POST = withSession(orgOverrideCapContract, async (ctx, { params, body }) =>
  reply(201, { override: await overrideCap(ctx, params.budgetId, body) }),
);
