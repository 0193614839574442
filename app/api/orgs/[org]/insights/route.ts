import { withSession } from "@/lib/api/with-session";
import { dashboardInsightsContract } from "@/lib/contracts/insights";
import { listInsights } from "@/lib/insights/list-insights";

export const GET = withSession(dashboardInsightsContract, async (ctx) => listInsights(ctx));
