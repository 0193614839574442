import { withApiKey } from "@/lib/api/with-api-key";
import { dryRunCapContract } from "@/lib/contracts/caps";
import { dryRunCap } from "@/lib/limits/dry-run-cap";

export const dynamic = "force-dynamic";

export const POST = withApiKey(dryRunCapContract, (ctx, { body }) => dryRunCap(ctx, body));
