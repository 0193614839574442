import { withSession } from "@/lib/api/with-session";
import { listStatements } from "@/lib/chargeback";
import { orgPeriodContract } from "@/lib/contracts/chargeback";

export const dynamic = "force-dynamic";

export const GET = withSession(orgPeriodContract, async (ctx, { query }) => listStatements(ctx.orgId, query.period));
