import { notFound, redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { isOperator } from "@/lib/operators/is-operator";
import { PageHeader } from "@/components/ui/page-header";
import { PriceImportPanel } from "@/components/admin/price-import-panel";
import { PriceSyncPanel } from "@/components/admin/price-sync-panel";

export const metadata = { title: "Price catalog (operators) · Burnrate" };

export const dynamic = "force-dynamic";

export default async function AdminPricesPage() {
  const user = await currentUser();
  if (!user) redirect("/login?callbackUrl=/admin/prices");
  if (!(await isOperator(user.id))) notFound();
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <PageHeader
        title="Price catalog import"
        description="Load a LiteLLM model_prices_and_context_window.json, a Burnrate catalog JSON or a CSV (USD per 1M tokens). Each name is matched to the model events use, and what the file does not state is kept. Review what changes and what it does to the last 30 days of events, then apply: changed prices become new versions from now (or from an entry's own date); history is never rewritten, and suspicious changes need your confirmation."
      />
      <div className="space-y-6">
        <PriceSyncPanel />
        <PriceImportPanel />
      </div>
    </main>
  );
}
