import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { endOverride } from "@/lib/pricing/overrides/end-override";

export const DELETE = withSession<{ org: string; overrideId: string }>("prices:manage", async (_req, ctx) => {
  const { override, repriceJob } = await endOverride(ctx, ctx.params.overrideId);
  return json({ override: { ...override, percentOff: override.percentOff?.toString() ?? null }, repriceJob });
});
