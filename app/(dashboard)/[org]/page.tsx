import { Suspense } from "react";
import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { UnpricedPanel } from "@/components/prices/unpriced-panel";
import { OverviewDashboard } from "@/components/spend/overview-dashboard";

export const metadata = { title: "Overview · Burnrate" };

export default async function OverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, role } = await requireMember((await params).org);
  return (
    <>
      <PageHeader title="Overview" description={`LLM spend of ${org.name}, in USD; periods are UTC days.`} />
      <Suspense>
        <OverviewDashboard
          orgSlug={org.slug}
          canManageBudgets={can(role, "budgets:manage")}
          canManageApiKeys={can(role, "apikeys:manage")}
        />
      </Suspense>
      <UnpricedPanel orgSlug={org.slug} />
    </>
  );
}
