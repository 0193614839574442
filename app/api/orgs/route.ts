import { reply } from "@/lib/api/define-contract";
import { withUser } from "@/lib/api/with-session";
import { createOrganizationContract, listOrganizationsContract } from "@/lib/contracts/organizations";
import { createOrganization } from "@/lib/onboarding/create-organization";
import { listMemberships } from "@/lib/tenancy/find-membership";

export const GET = withUser(listOrganizationsContract, async ({ user }) => {
  const memberships = await listMemberships(user.id);
  return { organizations: memberships.map((m) => ({ ...m.org, role: m.role })) };
});

export const POST = withUser(createOrganizationContract, async ({ user }, { body }) =>
  reply(201, { organization: await createOrganization(user, body) }),
);
