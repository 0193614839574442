import { withSession } from "@/lib/api/with-session";
import { deleteFixedCost } from "@/lib/chargeback";
import { orgDeleteFixedCostContract } from "@/lib/contracts/chargeback";

export const dynamic = "force-dynamic";

export const DELETE = withSession(orgDeleteFixedCostContract, async (ctx, { params }) => {
  await deleteFixedCost(ctx, params.costId);
  return { deleted: true as const };
});
