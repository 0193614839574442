import { withSession } from "@/lib/api/with-session";
import { revokeInviteContract } from "@/lib/contracts/members";
import { revokeInvite } from "@/lib/members/revoke-invite";

export const DELETE = withSession(revokeInviteContract, async (ctx, { params }) => {
  await revokeInvite(ctx, params.inviteId);
  return { revoked: true as const };
});
