import { notFound, redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { isOperator } from "@/lib/operators/is-operator";
import { PageHeader } from "@/components/ui/page-header";
import { PriceImportPanel } from "@/components/admin/price-import-panel";

export const dynamic = "force-dynamic";

export default async function AdminPricesPage() {
  const user = await currentUser();
  if (!user) redirect("/login?callbackUrl=/admin/prices");
  if (!(await isOperator(user.id))) notFound();
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <PageHeader
        title="Price catalog import"
        description="Load a LiteLLM model_prices_and_context_window.json or a CSV (USD per 1M tokens). Review what changes, then apply: changed prices become new versions from now; history is never rewritten."
      />
      <PriceImportPanel />
    </main>
  );
}
