import { Suspense } from "react";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { DIMENSION_LABELS, isPageDimension } from "@/components/spend/dimensions";
import { DimensionView } from "@/components/spend/dimension-view";

type Params = { org: string; dimension: string; value: string };

/** A segment as the router hands it over, decoded once (a stray "%" stays as it is). */
function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export async function generateMetadata({ params }: { params: Promise<Params> }) {
  const p = await params;
  const label = isPageDimension(p.dimension) ? DIMENSION_LABELS[p.dimension] : "Spend";
  return { title: `${label}: ${decodeSegment(p.value)} · Burnrate` };
}

export default async function DimensionPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const { org } = await requireMember(p.org);
  if (!isPageDimension(p.dimension)) notFound();
  const value = decodeSegment(p.value);
  if (!value || value.length > 200) notFound();
  const label = DIMENSION_LABELS[p.dimension];
  return (
    <>
      <PageHeader
        title={`${label}: ${value}`}
        description={`Spend of this ${label.toLowerCase()} in USD, from the hourly rollups.`}
      />
      <Suspense fallback={<QueryState isLoading error={null} label={label.toLowerCase()} />}>
        <DimensionView orgSlug={org.slug} dimension={p.dimension} value={value} />
      </Suspense>
    </>
  );
}
