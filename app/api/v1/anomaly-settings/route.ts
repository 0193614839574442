import { getAnomalySettings, updateAnomalySettings } from "@/lib/anomalies";
import { withApiKey } from "@/lib/api/with-api-key";
import { anomalySettingsContract, updateAnomalySettingsContract } from "@/lib/contracts/anomalies";

export const dynamic = "force-dynamic";

export const GET = withApiKey(anomalySettingsContract, async (ctx) => getAnomalySettings(ctx));
export const PUT = withApiKey(updateAnomalySettingsContract, async (ctx, { body }) => updateAnomalySettings(ctx, body));
