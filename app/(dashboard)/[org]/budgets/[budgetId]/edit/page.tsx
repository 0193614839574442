import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/page-guard";
import { getBudget } from "@/lib/budgets";
import { AppError } from "@/lib/errors";
import { listChannels } from "@/lib/notifications/manage-channels";
import { BudgetForm } from "@/components/budgets/budget-form";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Edit budget · Burnrate" };

export default async function EditBudgetPage({ params }: { params: Promise<{ org: string; budgetId: string }> }) {
  const p = await params;
  const { org, role, allowed, ctx } = await requireMember(p.org, "budgets:manage");
  const budget = await getBudget(ctx, p.budgetId).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const channels = allowed ? (await listChannels(ctx)).map((c) => ({ id: c.id, name: c.name, kind: c.kind })) : [];
  return (
    <>
      <PageHeader
        title={`Edit ${budget.name}`}
        description="Thresholds already crossed this period do not alert again."
      />
      {allowed ? (
        <BudgetForm orgSlug={org.slug} channels={channels} budget={budget} />
      ) : (
        <NoAccess role={role} what="edit budgets" />
      )}
    </>
  );
}
