import { withApiKey } from "@/lib/api/with-api-key";
import { releaseContract } from "@/lib/contracts/limits";
import { releaseReservation } from "@/lib/limits/release-reservation";

export const dynamic = "force-dynamic";

export const POST = withApiKey(releaseContract, (ctx, { body }) => releaseReservation(ctx, body));
