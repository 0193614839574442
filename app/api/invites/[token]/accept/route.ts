import { withUser } from "@/lib/api/with-session";
import { acceptInviteContract } from "@/lib/contracts/members";
import { acceptInvite } from "@/lib/members/accept-invite";

export const POST = withUser(acceptInviteContract, async ({ user }, { params }) => ({
  organization: await acceptInvite(user, params.token),
}));
