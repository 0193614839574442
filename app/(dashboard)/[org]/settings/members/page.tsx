import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { MembersPanel } from "@/components/members/members-panel";

export const metadata = { title: "Members · Burnrate" };

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, role, user } = await requireMember((await params).org);
  return (
    <>
      <PageHeader title="Members" description="Who can see and manage this organisation's spend." />
      <MembersPanel
        orgSlug={org.slug}
        canManage={can(role, "members:manage")}
        isOwner={role === "OWNER"}
        currentUserId={user.id}
      />
    </>
  );
}
