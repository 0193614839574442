import { can } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { NonInteractiveFeatures } from "@/components/insights/non-interactive-features";
import { SavingsPanel } from "@/components/insights/savings-panel";

export const metadata = { title: "Savings · Burnrate" };

export default async function SavingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, role } = await requireMember((await params).org);
  return (
    <>
      <PageHeader
        title="Savings"
        description="What each change would save per month, estimated from your usage of the last 30 days and your prices. Each states what it assumes and the figures it rests on."
      />
      <div className="space-y-6">
        <SavingsPanel orgSlug={org.slug} />
        <NonInteractiveFeatures orgSlug={org.slug} canEdit={can(role, "budgets:manage")} />
      </div>
    </>
  );
}
