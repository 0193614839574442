import { parseJsonBody } from "@/lib/api/parse";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { createOverride } from "@/lib/pricing/overrides/create-override";
import { listOverrides } from "@/lib/pricing/overrides/list-overrides";
import { createOverrideInput } from "@/lib/pricing/overrides/override-input";

export const GET = withSession("org:read", async (_req, ctx) => json({ items: await listOverrides(ctx) }));

export const POST = withSession("prices:manage", async (req, ctx) => {
  const input = await parseJsonBody(req, createOverrideInput);
  const { override, repriceJob } = await createOverride(ctx, input);
  return json({ override: { ...override, percentOff: override.percentOff?.toString() ?? null }, repriceJob }, 201);
});
