import { withApiKey } from "@/lib/api/with-api-key";
import { reserveContract } from "@/lib/contracts/limits";
import { reserveSpend } from "@/lib/limits/reserve-spend";

export const dynamic = "force-dynamic";

export const POST = withApiKey(reserveContract, (ctx, { body }) => reserveSpend(ctx, body));
