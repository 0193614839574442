import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/page-guard";
import { BudgetsPanel } from "@/components/budgets/budgets-panel";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Budgets · Burnrate" };

export default async function BudgetsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, role } = await requireMember((await params).org);
  const canManage = can(role, "budgets:manage");
  return (
    <>
      <PageHeader title="Budgets" description="Spend this period against each budget, in USD." />
      {canManage ? (
        <Link
          href={`/${org.slug}/budgets/new`}
          className="mb-4 inline-block rounded-tremor-default bg-tremor-brand px-4 py-2 text-sm font-medium text-white hover:bg-tremor-brand-emphasis"
        >
          New budget
        </Link>
      ) : null}
      <BudgetsPanel orgSlug={org.slug} canManage={canManage} />
    </>
  );
}
