"use client";

import { Button, Card } from "@tremor/react";
import { sharePercent } from "@/lib/money/format";
import { downloadText, spendCsv } from "./csv";
import { DIMENSION_LABELS } from "./dimensions";
import { ExploreControls } from "./explore-controls";
import { exploreQuery, type SortKey } from "./explore-state";
import { FilterBar } from "./filter-bar";
import { SpendChart } from "./spend-chart";
import { SpendPanel } from "./spend-panel";
import { SpendTable } from "./spend-table";
import { sortRows, toRows } from "./table-rows";
import { describeDays } from "./time-range";
import { useExploreState } from "./use-explore-state";
import { useSpend } from "./use-spend";

/** Slice and dice spend: every choice lives in the URL, so the view can be shared as a link. */
export function ExploreView({ orgSlug }: { orgSlug: string }) {
  const [state, update] = useExploreState();
  const params = exploreQuery(state);
  const spend = useSpend(orgSlug, params);
  const period = describeDays(new Date(params.from), new Date(params.to));
  const by = state.groupBy.length
    ? `by ${state.groupBy.map((d) => DIMENSION_LABELS[d].toLowerCase()).join(" and ")}`
    : "in total";
  // The same column again flips the order; a new column starts high-to-low (names A–Z).
  const onSort = (key: SortKey) =>
    update({
      sort: key,
      dir: state.sort === key ? (state.dir === "asc" ? "desc" : "asc") : key === "group" ? "asc" : "desc",
    });

  const download = (rows: ReturnType<typeof toRows>, data: NonNullable<typeof spend.data>) => {
    const csv = spendCsv(rows, data.groupBy, data.total, sharePercent(data.total.cost, data.total.cost));
    const by = data.groupBy.length ? `_by_${data.groupBy.join("_")}` : "";
    downloadText(csv, `spend_${state.from}_${state.to}${by}.csv`);
  };

  return (
    <div className="space-y-6">
      <Card className="space-y-4">
        <ExploreControls state={state} update={update} />
        <FilterBar orgSlug={orgSlug} state={state} update={update} />
      </Card>
      <SpendPanel
        title={`Spend ${by}`}
        subtitle={`${period} (UTC), per ${state.granularity}`}
        query={spend}
        label="spend"
        testId="explore-chart"
      >
        {(d) => <SpendChart data={d} kind={state.chart} top={10} />}
      </SpendPanel>
      <SpendPanel
        title="Breakdown"
        subtitle="Exact totals from the rollups, rounded to cents; the CSV carries the exact amounts."
        query={spend}
        label="spend table"
        testId="explore-table"
        actions={(d) => (
          <Button size="xs" variant="secondary" onClick={() => download(sortRows(toRows(d), state.sort, state.dir), d)}>
            Download CSV
          </Button>
        )}
      >
        {(d) => (
          <SpendTable
            orgSlug={orgSlug}
            groupBy={d.groupBy}
            rows={sortRows(toRows(d), state.sort, state.dir)}
            total={d.total}
            totalShare={sharePercent(d.total.cost, d.total.cost)}
            sort={state.sort}
            dir={state.dir}
            onSort={onSort}
          />
        )}
      </SpendPanel>
    </div>
  );
}
