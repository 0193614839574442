import { withApiKey } from "@/lib/api/with-api-key";
import { insightsContract } from "@/lib/contracts/insights";
import { listInsights } from "@/lib/insights/list-insights";

export const dynamic = "force-dynamic";

export const GET = withApiKey(insightsContract, async (ctx) => listInsights(ctx));
