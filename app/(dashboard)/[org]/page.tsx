import Link from "next/link";
import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { UnpricedPanel } from "@/components/prices/unpriced-panel";

export default async function OverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireMember((await params).org);
  return (
    <>
      <PageHeader title="Overview" description={`LLM spend of ${org.name}.`} />
      <EmptyState title="No usage yet">
        Create an <Link className="text-tremor-brand underline" href={`/${org.slug}/settings/api-keys`}>API key</Link> and post
        usage events to <code className="rounded bg-tremor-background-subtle px-1">POST /api/v1/events</code>; spend appears here within seconds.
      </EmptyState>
      <UnpricedPanel orgSlug={org.slug} />
    </>
  );
}
