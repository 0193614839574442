import { can } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/page-guard";
import { getChargebackSettings, periodContaining } from "@/lib/chargeback";
import { ChargebackPanel } from "@/components/chargeback/chargeback-panel";
import { PageHeader } from "@/components/ui/page-header";
import { appUrl } from "@/lib/env/app-url";

export default async function ChargebackPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, role } = await requireMember((await params).org);
  const settings = await getChargebackSettings(org.id);
  return (
    <>
      <PageHeader
        title="Chargeback"
        description={`What each ${settings.partyDimension} owes per month (${settings.timeZone}): direct usage, its share of shared costs, markup and adjustments. A month closes ${settings.graceDays} days after it ends; closed statements never change.`}
      />
      <ChargebackPanel
        orgSlug={org.slug}
        stripeWebhookUrl={appUrl(`/api/webhooks/stripe/${org.id}`)}
        initialPeriod={periodContaining(new Date(), settings.timeZone)}
        canManage={can(role, "chargeback:manage")}
      />
    </>
  );
}
