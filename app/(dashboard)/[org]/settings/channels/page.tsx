import { can } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { ChannelsPanel } from "@/components/delivery/channels-panel";

export const metadata = { title: "Alert channels · Burnrate" };

export default async function ChannelsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, role } = await requireMember((await params).org, "org:read");
  return (
    <>
      <PageHeader
        title="Alert channels"
        description="Where budget alerts go: Slack incoming webhooks or email, immediately or as a daily digest. Finance, admins and owners manage them."
      />
      <ChannelsPanel orgSlug={org.slug} canManage={can(role, "budgets:manage")} />
    </>
  );
}
