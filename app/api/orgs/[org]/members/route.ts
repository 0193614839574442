import { reply } from "@/lib/api/define-contract";
import { withSession } from "@/lib/api/with-session";
import { inviteMemberContract, listMembersContract } from "@/lib/contracts/members";
import { inviteMember } from "@/lib/members/invite-member";
import { inviteUrl } from "@/lib/members/invite-url";
import { listMembers } from "@/lib/members/list-members";

export const GET = withSession(listMembersContract, async (ctx) => listMembers(ctx));

export const POST = withSession(inviteMemberContract, async (ctx, { req, body }) => {
  const { token, ...invite } = await inviteMember(ctx, body);
  return reply(201, { invite: { ...invite, url: inviteUrl(req.nextUrl.origin, token) } });
});
