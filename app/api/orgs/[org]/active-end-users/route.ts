import { parseQuery } from "@/lib/api/parse";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { activeEndUsersQuery, countActiveEndUsers } from "@/lib/rollups/count-active-end-users";

export const GET = withSession("org:read", async (req, ctx) => {
  const q = parseQuery(req.url, activeEndUsersQuery);
  return json({
    from: q.from,
    to: q.to,
    activeEndUsers: await countActiveEndUsers(ctx, new Date(q.from), new Date(q.to)),
  });
});
