import { Suspense } from "react";
import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { ExploreView } from "@/components/spend/explore-view";

export const metadata = { title: "Explore · Burnrate" };

export default async function ExplorePage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireMember((await params).org);
  return (
    <>
      <PageHeader
        title="Explore"
        description="Spend in USD over any range, grouped and filtered by team, feature, model, customer and more. The URL keeps every choice: share it to share the view."
      />
      <Suspense fallback={<QueryState isLoading error={null} label="explore" />}>
        <ExploreView orgSlug={org.slug} />
      </Suspense>
    </>
  );
}
