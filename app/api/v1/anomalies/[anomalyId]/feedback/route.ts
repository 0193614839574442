import { setAnomalyFeedback } from "@/lib/anomalies";
import { withApiKey } from "@/lib/api/with-api-key";
import { anomalyFeedbackContract } from "@/lib/contracts/anomalies";

export const dynamic = "force-dynamic";

export const POST = withApiKey(anomalyFeedbackContract, async (ctx, { params, body }) => ({
  anomaly: await setAnomalyFeedback(ctx, params.anomalyId, body),
}));
