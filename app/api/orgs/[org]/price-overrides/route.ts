import { reply } from "@/lib/api/define-contract";
import { withSession } from "@/lib/api/with-session";
import { createOverrideContract, listOverridesContract } from "@/lib/contracts/prices";
import { createOverride } from "@/lib/pricing/overrides/create-override";
import { listOverrides } from "@/lib/pricing/overrides/list-overrides";
import { overrideResponse } from "@/lib/pricing/overrides/override-response";

export const GET = withSession(listOverridesContract, async (ctx) => ({ items: await listOverrides(ctx) }));

export const POST = withSession(createOverrideContract, async (ctx, { body }) =>
  reply(201, overrideResponse(await createOverride(ctx, body))),
);
