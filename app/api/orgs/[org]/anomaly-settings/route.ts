import { getAnomalySettings, updateAnomalySettings } from "@/lib/anomalies";
import { withSession } from "@/lib/api/with-session";
import { orgAnomalySettingsContract, orgUpdateAnomalySettingsContract } from "@/lib/contracts/anomalies";

export const GET = withSession(orgAnomalySettingsContract, async (ctx) => getAnomalySettings(ctx));
export const PUT = withSession(orgUpdateAnomalySettingsContract, async (ctx, { body }) =>
  updateAnomalySettings(ctx, body),
);
