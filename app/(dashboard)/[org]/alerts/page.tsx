import { can } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/page-guard";
import { AlertsPanel } from "@/components/budgets/alerts-panel";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Alerts · Burnrate" };

export default async function AlertsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, role } = await requireMember((await params).org);
  return (
    <>
      <PageHeader title="Alerts" description="Budget thresholds crossed and forecasts over, newest first." />
      <AlertsPanel orgSlug={org.slug} canManage={can(role, "budgets:manage")} />
    </>
  );
}
