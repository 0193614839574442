import { getAnomaly } from "@/lib/anomalies";
import { withSession } from "@/lib/api/with-session";
import { orgGetAnomalyContract } from "@/lib/contracts/anomalies";

export const GET = withSession(orgGetAnomalyContract, async (ctx, { params }) => ({
  anomaly: await getAnomaly(ctx, params.anomalyId),
}));
