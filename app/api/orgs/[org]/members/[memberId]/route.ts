import { parseJsonBody } from "@/lib/api/parse";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { changeMemberRole, changeRoleInput, removeMember } from "@/lib/members/change-member";

type Params = { org: string; memberId: string };

export const PATCH = withSession<Params>("members:manage", async (req, ctx) => {
  const input = await parseJsonBody(req, changeRoleInput);
  return json({ member: await changeMemberRole(ctx, ctx.params.memberId, input) });
});

export const DELETE = withSession<Params>("members:manage", async (_req, ctx) => {
  await removeMember(ctx, ctx.params.memberId);
  return json({ removed: true });
});
