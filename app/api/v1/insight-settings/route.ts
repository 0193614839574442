import { withApiKey } from "@/lib/api/with-api-key";
import { insightSettingsContract, updateInsightSettingsContract } from "@/lib/contracts/insights";
import { getInsightSettings, updateInsightSettings } from "@/lib/insights/insight-settings";

export const dynamic = "force-dynamic";

export const GET = withApiKey(insightSettingsContract, async (ctx) => getInsightSettings(ctx));
export const PUT = withApiKey(updateInsightSettingsContract, async (ctx, { body }) => updateInsightSettings(ctx, body));
