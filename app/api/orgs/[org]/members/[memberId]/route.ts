import { withSession } from "@/lib/api/with-session";
import { changeMemberRoleContract, removeMemberContract } from "@/lib/contracts/members";
import { changeMemberRole, removeMember } from "@/lib/members/change-member";

export const PATCH = withSession(changeMemberRoleContract, async (ctx, { params, body }) => ({
  member: await changeMemberRole(ctx, params.memberId, body),
}));

export const DELETE = withSession(removeMemberContract, async (ctx, { params }) => {
  await removeMember(ctx, params.memberId);
  return { removed: true as const };
});
