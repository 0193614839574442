import { can } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { WebhooksPanel } from "@/components/delivery/webhooks-panel";

export const metadata = { title: "Webhooks · Burnrate" };

export default async function WebhooksPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, role } = await requireMember((await params).org, "org:read");
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Signed (Standard Webhooks) deliveries of budget and anomaly events to your endpoints, retried for 24 hours. Owners and admins manage them."
      />
      <WebhooksPanel orgSlug={org.slug} canManage={can(role, "org:settings")} />
    </>
  );
}
