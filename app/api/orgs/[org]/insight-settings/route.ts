import { withSession } from "@/lib/api/with-session";
import { orgInsightSettingsContract, orgUpdateInsightSettingsContract } from "@/lib/contracts/insights";
import { getInsightSettings, updateInsightSettings } from "@/lib/insights/insight-settings";

export const GET = withSession(orgInsightSettingsContract, async (ctx) => getInsightSettings(ctx));
export const PUT = withSession(orgUpdateInsightSettingsContract, async (ctx, { body }) =>
  updateInsightSettings(ctx, body),
);
