import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { TimeZoneForm } from "@/components/budgets/time-zone-form";
import { PageHeader } from "@/components/ui/page-header";

export default async function OrganizationSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, role } = await requireMember((await params).org);
  const { timeZone } = await db().organization.findUniqueOrThrow({ where: { id: org.id }, select: { timeZone: true } });
  return (
    <>
      <PageHeader title="Organisation" description={`Settings of ${org.name}.`} />
      <TimeZoneForm orgSlug={org.slug} timeZone={timeZone} canEdit={can(role, "org:settings")} />
    </>
  );
}
