import { withSession } from "@/lib/api/with-session";
import { listUnpricedContract } from "@/lib/contracts/prices";
import { listUnpriced } from "@/lib/pricing/list-unpriced";

export const GET = withSession(listUnpricedContract, async (ctx) => listUnpriced(ctx));
