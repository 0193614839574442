import { withApiKey } from "@/lib/api/with-api-key";
import { listAlerts } from "@/lib/budgets";
import { listAlertsContract } from "@/lib/contracts/budgets";

export const dynamic = "force-dynamic";

export const GET = withApiKey(listAlertsContract, async (ctx, { query }) => listAlerts(ctx, query));
