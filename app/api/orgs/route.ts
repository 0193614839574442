import { parseJsonBody } from "@/lib/api/parse";
import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { listMemberships } from "@/lib/tenancy/find-membership";
import { createOrganization, createOrganizationInput } from "@/lib/onboarding/create-organization";

export const GET = withUser(async (_req, { user }) => {
  const memberships = await listMemberships(user.id);
  return json({ organizations: memberships.map((m) => ({ ...m.org, role: m.role })) });
});

export const POST = withUser(async (req, { user }) => {
  const input = await parseJsonBody(req, createOrganizationInput);
  return json({ organization: await createOrganization(user, input) }, 201);
});
