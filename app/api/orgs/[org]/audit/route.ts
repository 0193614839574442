import { withSession } from "@/lib/api/with-session";
import { listAudit } from "@/lib/audit/list-audit";
import { listAuditContract } from "@/lib/contracts/audit";

export const GET = withSession(listAuditContract, async (ctx, { query }) => listAudit(ctx, query));
