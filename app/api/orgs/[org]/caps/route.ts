import { withSession } from "@/lib/api/with-session";
import { listCappedScopes } from "@/lib/budgets/list-capped-scopes";
import { orgCappedScopesContract } from "@/lib/contracts/caps";

export const GET = withSession(orgCappedScopesContract, async (ctx, { query }) => ({
  caps: await listCappedScopes(ctx, { budgetId: query.budgetId }),
}));
