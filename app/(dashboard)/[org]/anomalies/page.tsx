import { requireMember } from "@/lib/auth/page-guard";
import { AnomaliesPanel } from "@/components/anomalies/anomalies-panel";
import { PageHeader } from "@/components/ui/page-header";

export default async function AnomaliesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireMember((await params).org);
  return (
    <>
      <PageHeader
        title="Anomalies"
        description="Hours of spend outside their usual band, by organisation total, team, feature, model, customer and API key; open first."
      />
      <AnomaliesPanel orgSlug={org.slug} />
    </>
  );
}
