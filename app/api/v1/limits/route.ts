import { withApiKey } from "@/lib/api/with-api-key";
import { checkLimitsContract } from "@/lib/contracts/limits";
import { checkLimits } from "@/lib/limits/check-limits";

export const dynamic = "force-dynamic";

export const GET = withApiKey(checkLimitsContract, (ctx, { query }) =>
  checkLimits(ctx, query, new Date(), ctx.rateSubject),
);
