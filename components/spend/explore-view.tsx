"use client";

import { Button, Card } from "@tremor/react";
import { sharePercent } from "@/lib/money/format";
import { BiggestMovers } from "./biggest-movers";
import { costsByLabel } from "./compare";
import { downloadText, seriesCsv, spendCsv } from "./csv";
import { DIMENSION_LABELS } from "./dimensions";
import { ExploreControls } from "./explore-controls";
import { ALL_SPEND, OTHER } from "./chart-data";
import { exploreQuery, type ExploreState, type SortKey } from "./explore-state";
import { FilterBar } from "./filter-bar";
import { SpendChart, type ChartSelection } from "./spend-chart";
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
  // The previous period of the same length, just before: "vs previous period" of every row and the total.
  const span = Date.parse(params.to) - Date.parse(params.from);
  const previous = useSpend(orgSlug, {
    ...params,
    from: new Date(Date.parse(params.from) - span).toISOString(),
    to: params.from,
    granularity: "month",
  });
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

  // A click on a group narrows to it (one grouping); on a day, opens that day by hour.
  const drill = ({ series, bucketStart }: ChartSelection) => {
    const patch: Partial<ExploreState> = {};
    const dim = state.groupBy.length === 1 ? state.groupBy[0]! : null;
    if (dim && series && series !== OTHER && series !== ALL_SPEND) patch.filters = { ...state.filters, [dim]: series };
    if (bucketStart && state.granularity === "day") {
      const day = bucketStart.slice(0, 10);
      Object.assign(patch, { range: "custom", from: day, to: day, granularity: "hour" });
    }
    if (Object.keys(patch).length) update(patch);
  };
  const downloadSeries = (data: NonNullable<typeof spend.data>) => {
    const by = data.groupBy.length ? `_by_${data.groupBy.join("_")}` : "";
    downloadText(seriesCsv(data), `spend_series_${state.granularity}_${state.from}_${state.to}${by}.csv`);
  };

  return (
    <div className="space-y-6">
      <Card className="space-y-4">
        <ExploreControls state={state} update={update} />
        <FilterBar orgSlug={orgSlug} state={state} update={update} />
      </Card>
      <SpendPanel
        title={`Spend ${by}`}
        subtitle={`${period} (UTC), per ${state.granularity} · click a group or a day to narrow to it`}
        query={spend}
        label="spend"
        testId="explore-chart"
        skeletonClassName="h-72"
      >
        {(d) => <SpendChart data={d} kind={state.chart} top={10} onSelect={drill} />}
      </SpendPanel>
      <BiggestMovers orgSlug={orgSlug} params={params} />
      <SpendPanel
        title="Breakdown"
        subtitle="Exact totals from the rollups, rounded to cents; the CSV carries the exact amounts."
        query={spend}
        label="spend table"
        testId="explore-table"
        actions={(d) => (
          <div className="flex flex-wrap gap-2">
            <Button
              size="xs"
              variant="secondary"
              onClick={() => download(sortRows(toRows(d), state.sort, state.dir), d)}
            >
              Download CSV
            </Button>
            <Button size="xs" variant="secondary" onClick={() => downloadSeries(d)}>
              Download series CSV
            </Button>
          </div>
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
            previous={previous.data ? costsByLabel(previous.data, d.groupBy) : undefined}
            previousTotal={previous.data?.total.cost}
          />
        )}
      </SpendPanel>
    </div>
  );
}
