import { withSession } from "@/lib/api/with-session";
import { listAlerts } from "@/lib/budgets";
import { orgListAlertsContract } from "@/lib/contracts/budgets";

export const GET = withSession(orgListAlertsContract, async (ctx, { query }) => listAlerts(ctx, query));
