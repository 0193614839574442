import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { revokeApiKey } from "@/lib/apikeys/revoke-api-key";

export const DELETE = withSession<{ org: string; keyId: string }>("apikeys:manage", async (_req, ctx) => {
  const key = await revokeApiKey(ctx, ctx.params.keyId);
  return json({ apiKey: { id: key.id, revokedAt: key.revokedAt } });
});
