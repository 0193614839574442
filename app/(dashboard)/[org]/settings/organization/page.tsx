import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { getAnomalySettings } from "@/lib/anomalies";
import { MAX_MONITORS, MAX_PER_DIMENSION } from "@/lib/anomalies/monitor-dimensions";
import { AnomalySettingsForm } from "@/components/anomalies/anomaly-settings-form";
import { CapFailModeForm } from "@/components/budgets/cap-fail-mode-form";
import { TimeZoneForm } from "@/components/budgets/time-zone-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Organisation · Burnrate" };

export default async function OrganizationSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, role, ctx } = await requireMember((await params).org);
  const { timeZone, capFailMode } = await db().organization.findUniqueOrThrow({
    where: { id: org.id },
    select: { timeZone: true, capFailMode: true },
  });
  const anomalySettings = await getAnomalySettings(ctx);
  return (
    <>
      <PageHeader title="Organisation" description={`Settings of ${org.name}.`} />
      <div className="space-y-6">
        <TimeZoneForm orgSlug={org.slug} timeZone={timeZone} canEdit={can(role, "org:settings")} />
        <CapFailModeForm
          orgSlug={org.slug}
          failMode={capFailMode === "closed" ? "closed" : "open"}
          canEdit={can(role, "org:settings")}
        />
        <AnomalySettingsForm
          orgSlug={org.slug}
          settings={anomalySettings}
          maxMonitors={MAX_MONITORS}
          maxPerDimension={MAX_PER_DIMENSION}
          canEdit={can(role, "budgets:manage")}
        />
      </div>
    </>
  );
}
