import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/page-guard";
import { getBudget } from "@/lib/budgets";
import { AppError } from "@/lib/errors";
import { BudgetDetail } from "@/components/budgets/budget-detail";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Budget · Burnrate" };

export default async function BudgetPage({ params }: { params: Promise<{ org: string; budgetId: string }> }) {
  const p = await params;
  const { org, role, ctx } = await requireMember(p.org);
  const budget = await getBudget(ctx, p.budgetId).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  return (
    <>
      <PageHeader title={budget.name} description="This period, its thresholds and past periods." />
      <BudgetDetail orgSlug={org.slug} budgetId={budget.id} canManage={can(role, "budgets:manage")} />
    </>
  );
}
