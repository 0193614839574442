import { withSession } from "@/lib/api/with-session";
import { dashboardSpendContract } from "@/lib/contracts/spend";
import { querySpend } from "@/lib/rollups/query-spend";

export const GET = withSession(dashboardSpendContract, async (ctx, { query }) => querySpend(ctx, query));
