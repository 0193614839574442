import { withSession } from "@/lib/api/with-session";
import { endOverrideContract } from "@/lib/contracts/prices";
import { endOverride } from "@/lib/pricing/overrides/end-override";
import { overrideResponse } from "@/lib/pricing/overrides/override-response";

export const DELETE = withSession(endOverrideContract, async (ctx, { params }) =>
  overrideResponse(await endOverride(ctx, params.overrideId)),
);
