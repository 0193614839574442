"use client";

import {
  Table,
  TableBody,
  TableCell,
  TableFoot,
  TableFooterCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@tremor/react";
import { formatMoney } from "@/lib/money/format";
import { ALL_SPEND } from "./chart-data";
import { changeOf, describeChange } from "./compare";
import { DIMENSION_LABELS } from "./dimensions";
import type { SortDir, SortKey } from "./explore-state";
import { GroupValue } from "./group-cell";
import { SortHeader } from "./sort-header";
import type { SpendRow } from "./table-rows";
import { totalTokens, type Dimension, type SpendTotals } from "./types";

type Props = {
  orgSlug: string;
  groupBy: Dimension[];
  rows: SpendRow[];
  total: SpendTotals;
  totalShare: string | null;
  sort: SortKey;
  dir: SortDir;
  onSort: (key: SortKey) => void;
  /** Each group's cost in the previous period (by row label), for the "vs previous" column. */
  previous?: Map<string, string>;
  previousTotal?: string;
};

const n = (v: number) => v.toLocaleString("en-US");

/** Groups with exact totals; amounts are rounded to cents from the API's exact strings. */
export function SpendTable({
  orgSlug,
  groupBy,
  rows,
  total,
  totalShare,
  sort,
  dir,
  onSort,
  previous,
  previousTotal,
}: Props) {
  const head = { sort, dir, onSort };
  // Events and requests differ only when an event stands for several requests: else one column.
  const showEvents = total.events !== total.requests || rows.some((r) => r.events !== r.requests);
  return (
    <div className="overflow-x-auto">
      <Table>
        <TableHead>
          <TableRow>
            {groupBy.length === 0 ? <TableHeaderCell>Group</TableHeaderCell> : null}
            {groupBy.map((d, i) =>
              i === 0 ? (
                <SortHeader key={d} label={DIMENSION_LABELS[d]} sortKey="group" align="left" {...head} />
              ) : (
                <TableHeaderCell key={d}>{DIMENSION_LABELS[d]}</TableHeaderCell>
              ),
            )}
            <SortHeader label="Cost" sortKey="cost" {...head} />
            {previous ? <TableHeaderCell className="text-right">vs previous period</TableHeaderCell> : null}
            {showEvents ? <SortHeader label="Events" sortKey="events" {...head} /> : null}
            <SortHeader label="Requests" sortKey="requests" {...head} />
            <SortHeader label="Tokens" sortKey="tokens" {...head} />
            <SortHeader label="Share" sortKey="share" {...head} />
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.id} data-testid="spend-row">
              {groupBy.length === 0 ? <TableCell className="text-tremor-content-strong">{ALL_SPEND}</TableCell> : null}
              {groupBy.map((d) => (
                <TableCell key={d} className="max-w-[16rem] truncate">
                  <GroupValue orgSlug={orgSlug} dimension={d} value={r.key[d]} />
                </TableCell>
              ))}
              <TableCell
                className="text-right tabular-nums text-tremor-content-strong"
                title={`$${r.cost}`}
                data-testid="row-cost"
              >
                {formatMoney(r.cost)}
              </TableCell>
              {previous ? (
                <TableCell className="whitespace-nowrap text-right text-xs tabular-nums" data-testid="row-change">
                  {describeChange(changeOf(r.cost, previous.get(r.label) ?? "0"))}
                </TableCell>
              ) : null}
              {showEvents ? <TableCell className="text-right tabular-nums">{n(r.events)}</TableCell> : null}
              <TableCell className="text-right tabular-nums">{n(r.requests)}</TableCell>
              <TableCell className="text-right tabular-nums">{n(r.tokens)}</TableCell>
              <TableCell className="text-right tabular-nums">{r.share === null ? "—" : `${r.share}%`}</TableCell>
            </TableRow>
          ))}
        </TableBody>
        <TableFoot>
          <TableRow data-testid="total-row">
            <TableFooterCell>Total</TableFooterCell>
            {groupBy.slice(1).map((d) => (
              <TableFooterCell key={d} />
            ))}
            <TableFooterCell className="text-right tabular-nums" title={`$${total.cost}`} data-testid="total-cost">
              {formatMoney(total.cost)}
            </TableFooterCell>
            {previous ? (
              <TableFooterCell className="whitespace-nowrap text-right text-xs tabular-nums" data-testid="total-change">
                {previousTotal !== undefined ? describeChange(changeOf(total.cost, previousTotal)) : "…"}
              </TableFooterCell>
            ) : null}
            {showEvents ? (
              <TableFooterCell className="text-right tabular-nums">{n(total.events)}</TableFooterCell>
            ) : null}
            <TableFooterCell className="text-right tabular-nums">{n(total.requests)}</TableFooterCell>
            <TableFooterCell className="text-right tabular-nums">{n(totalTokens(total))}</TableFooterCell>
            <TableFooterCell className="text-right tabular-nums">
              {totalShare === null ? "—" : `${totalShare}%`}
            </TableFooterCell>
          </TableRow>
        </TableFoot>
      </Table>
    </div>
  );
}
