import { reply } from "@/lib/api/define-contract";
import { withSession } from "@/lib/api/with-session";
import { inviteMemberContract, listMembersContract } from "@/lib/contracts/members";
import { inviteMember } from "@/lib/members/invite-member";
import { inviteUrl } from "@/lib/members/invite-url";
import { listMembers } from "@/lib/members/list-members";
import { sendInviteEmail } from "@/lib/onboarding/invite-mail";

export const GET = withSession(listMembersContract, async (ctx) => listMembers(ctx));

export const POST = withSession(inviteMemberContract, async (ctx, { body }) => {
  const { token, ...invite } = await inviteMember(ctx, body);
  const url = inviteUrl(token);
  const emailed = await sendInviteEmail(ctx.orgId, invite, url);
  return reply(201, { invite: { ...invite, url, emailed } });
});
