import { notFound } from "next/navigation";
import { getAnomaly } from "@/lib/anomalies";
import { can } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/page-guard";
import { AppError } from "@/lib/errors";
import { AnomalyDetail } from "@/components/anomalies/anomaly-detail";
import { PageHeader } from "@/components/ui/page-header";

export default async function AnomalyPage({ params }: { params: Promise<{ org: string; anomalyId: string }> }) {
  const p = await params;
  const { org, role, ctx } = await requireMember(p.org);
  const anomaly = await getAnomaly(ctx, p.anomalyId).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  return (
    <>
      <PageHeader
        title={`Anomaly: ${anomaly.monitor.label}`}
        description="What happened, against what was expected, and why."
      />
      <AnomalyDetail orgSlug={org.slug} anomalyId={anomaly.id} canGiveFeedback={can(role, "budgets:manage")} />
    </>
  );
}
