import { reply } from "@/lib/api/define-contract";
import { withApiKey } from "@/lib/api/with-api-key";
import { overrideCap } from "@/lib/budgets/override-cap";
import { overrideCapContract } from "@/lib/contracts/caps";

export const dynamic = "force-dynamic";

export const POST = withApiKey(overrideCapContract, async (ctx, { params, body }) =>
  reply(201, { override: await overrideCap(ctx, params.budgetId, body) }),
);
