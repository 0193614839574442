import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { RepriceProgress } from "@/components/prices/reprice-progress";
import { OverridesPanel } from "@/components/prices/overrides-panel";
import { CatalogPanel } from "@/components/prices/catalog-panel";
import { PriceSchedulePanel } from "@/components/prices/price-schedule-panel";

export const metadata = { title: "Prices · Burnrate" };

type Props = { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.slice(0, 200);

export default async function PricesPage({ params, searchParams }: Props) {
  const { org, role } = await requireMember((await params).org);
  const query = await searchParams;
  const canManage = can(role, "prices:manage");
  return (
    <>
      <PageHeader
        title="Prices"
        description="Burnrate prices every event from the catalog in force at its time, with your discounts and custom prices applied. Changing a price re-prices the events it affects."
      />
      <div className="space-y-6">
        <RepriceProgress orgSlug={org.slug} />
        <OverridesPanel
          orgSlug={org.slug}
          canManage={canManage}
          role={role}
          defaults={{ provider: first(query.provider), model: first(query.model) }}
        />
        <PriceSchedulePanel orgSlug={org.slug} />
        <CatalogPanel orgSlug={org.slug} />
      </div>
    </>
  );
}
