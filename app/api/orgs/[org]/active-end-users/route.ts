import { withSession } from "@/lib/api/with-session";
import { activeEndUsersContract } from "@/lib/contracts/active-end-users";
import { countActiveEndUsers } from "@/lib/rollups/count-active-end-users";

export const GET = withSession(activeEndUsersContract, async (ctx, { query }) => ({
  from: query.from,
  to: query.to,
  activeEndUsers: await countActiveEndUsers(ctx, new Date(query.from), new Date(query.to)),
}));
