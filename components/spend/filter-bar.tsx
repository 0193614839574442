"use client";

import { Button } from "@tremor/react";
import { DIMENSIONS } from "./dimensions";
import { exploreQuery, type ExploreState } from "./explore-state";
import { FilterSelect } from "./filter-select";
import type { Dimension } from "./types";

type Props = { orgSlug: string; state: ExploreState; update: (patch: Partial<ExploreState>) => void };

/** One filter per dimension; "(none)" selects spend without that attribution. */
export function FilterBar({ orgSlug, state, update }: Props) {
  const { from, to } = exploreQuery(state);
  const active = Object.keys(state.filters).length;
  const set = (d: Dimension, v: string | undefined) => {
    const filters = { ...state.filters };
    if (v === undefined) delete filters[d];
    else filters[d] = v;
    update({ filters });
  };
  return (
    <div className="border-t border-tremor-border pt-4">
      <p className="mb-2 text-sm font-medium text-tremor-content-strong">Filters</p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        {DIMENSIONS.map((d) => (
          <FilterSelect
            key={d}
            orgSlug={orgSlug}
            dimension={d}
            range={{ from, to }}
            value={state.filters[d]}
            onValue={(v) => set(d, v)}
          />
        ))}
      </div>
      {active > 0 ? (
        <Button size="xs" variant="light" className="mt-2" onClick={() => update({ filters: {} })}>
          Clear {active} {active === 1 ? "filter" : "filters"}
        </Button>
      ) : null}
    </div>
  );
}
