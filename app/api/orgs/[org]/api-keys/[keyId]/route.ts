import { withSession } from "@/lib/api/with-session";
import { revokeApiKey } from "@/lib/apikeys/revoke-api-key";
import { revokeApiKeyContract } from "@/lib/contracts/apikeys";

export const DELETE = withSession(revokeApiKeyContract, async (ctx, { params }) => {
  const key = await revokeApiKey(ctx, params.keyId);
  return { apiKey: { id: key.id, revokedAt: key.revokedAt } };
});
