import { requireMember } from "@/lib/auth/page-guard";
import { listChannels } from "@/lib/notifications/manage-channels";
import { BudgetForm } from "@/components/budgets/budget-form";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "New budget · Burnrate" };

export default async function NewBudgetPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, role, allowed, ctx } = await requireMember((await params).org, "budgets:manage");
  const channels = allowed ? (await listChannels(ctx)).map((c) => ({ id: c.id, name: c.name, kind: c.kind })) : [];
  return (
    <>
      <PageHeader title="New budget" description="The preview shows what it would have done last period." />
      {allowed ? <BudgetForm orgSlug={org.slug} channels={channels} /> : <NoAccess role={role} what="create budgets" />}
    </>
  );
}
