import { parseJsonBody } from "@/lib/api/parse";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { listMembers } from "@/lib/members/list-members";
import { inviteMember, inviteMemberInput } from "@/lib/members/invite-member";
import { inviteUrl } from "@/lib/members/invite-url";

export const GET = withSession("org:read", async (_req, ctx) => json(await listMembers(ctx)));

export const POST = withSession("members:manage", async (req, ctx) => {
  const input = await parseJsonBody(req, inviteMemberInput);
  const { token, ...invite } = await inviteMember(ctx, input);
  return json({ invite: { ...invite, url: inviteUrl(req.nextUrl.origin, token) } }, 201);
});
