import { formatUsd } from "./format-price";
import type { PriceOverride } from "./types";

/** "12.5% off" or "in $0.40 · out $0.80 · cached $0.10 per 1M". */
export function OverrideTerms({ o }: { o: Pick<PriceOverride, "kind" | "percentOff" | "prices"> }) {
  if (o.kind === "DISCOUNT") return <span>{o.percentOff}% off</span>;
  const p = o.prices;
  if (!p) return <span>—</span>;
  return (
    <span>
      in {formatUsd(p.input)} · out {formatUsd(p.output)}
      {p.cachedInput ? ` · cached ${formatUsd(p.cachedInput)}` : ""}
      <span className="text-tremor-content"> per 1M</span>
    </span>
  );
}
