import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { acceptInvite } from "@/lib/members/accept-invite";

export const POST = withUser<{ token: string }>(async (_req, { user, params }) =>
  json({ organization: await acceptInvite(user, params.token) }),
);
