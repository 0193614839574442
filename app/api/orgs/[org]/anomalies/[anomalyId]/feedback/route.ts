import { setAnomalyFeedback } from "@/lib/anomalies";
import { withSession } from "@/lib/api/with-session";
import { orgAnomalyFeedbackContract } from "@/lib/contracts/anomalies";

export const POST = withSession(orgAnomalyFeedbackContract, async (ctx, { params, body }) => ({
  anomaly: await setAnomalyFeedback(ctx, params.anomalyId, body),
}));
