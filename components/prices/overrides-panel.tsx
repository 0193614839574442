"use client";

import { Callout, Card } from "@tremor/react";
import { CustomPriceForm } from "./custom-price-form";
import { DiscountForm } from "./discount-form";
import { OverridesList } from "./overrides-list";
import { useProviders } from "./use-providers";

type Props = { orgSlug: string; canManage: boolean; role: string; defaults?: { provider?: string; model?: string } };

/** "Your pricing": this organisation's discounts and custom prices, and the forms to add them. */
export function OverridesPanel({ orgSlug, canManage, role, defaults }: Props) {
  const providers = useProviders(orgSlug);
  return (
    <Card className="space-y-6">
      <div>
        <h2 className="font-medium text-tremor-content-strong">Your pricing</h2>
        <p className="text-sm text-tremor-content">
          Negotiated discounts and your own prices take precedence over the catalog.
        </p>
      </div>
      <OverridesList orgSlug={orgSlug} canManage={canManage} />
      {canManage ? (
        <div className="grid gap-8 border-t border-tremor-border pt-6 xl:grid-cols-2">
          <DiscountForm orgSlug={orgSlug} providers={providers} />
          <CustomPriceForm orgSlug={orgSlug} providers={providers} defaults={defaults} />
        </div>
      ) : (
        <Callout title="Read only" color="gray">
          Your role ({role}) can see prices but not change them. Owners, admins and finance members add discounts and
          custom prices.
        </Callout>
      )}
    </Card>
  );
}
