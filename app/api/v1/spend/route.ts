import { withApiKey } from "@/lib/api/with-api-key";
import { spendContract } from "@/lib/contracts/spend";
import { querySpend } from "@/lib/rollups/query-spend";

export const dynamic = "force-dynamic";

export const GET = withApiKey(spendContract, async (ctx, { query }) => querySpend(ctx, query));
