import { Badge } from "@tremor/react";
import { formatUsd } from "./format-price";
import type { CatalogOverride } from "./types";

/** Marks a catalog row whose price this organisation overrides. */
export function CatalogOverrideBadge({ override }: { override: CatalogOverride }) {
  if (override.kind === "DISCOUNT") {
    return (
      <Badge color="amber" size="xs" title="Your negotiated discount applies">
        {override.percentOff}% off
      </Badge>
    );
  }
  const p = override.prices;
  const title = p ? `Your price: in ${formatUsd(p.input)} · out ${formatUsd(p.output)} per 1M` : "Your price applies";
  return (
    <Badge color="blue" size="xs" title={title}>
      your price
    </Badge>
  );
}
