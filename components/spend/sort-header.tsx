import { TableHeaderCell } from "@tremor/react";
import type { SortDir, SortKey } from "./explore-state";

type Props = {
  label: string;
  sortKey: SortKey;
  sort: SortKey;
  dir: SortDir;
  onSort: (key: SortKey) => void;
  align?: "left" | "right";
};

/** A column header that sorts the table by its column; clicking again reverses the order. */
export function SortHeader({ label, sortKey, sort, dir, onSort, align = "right" }: Props) {
  const active = sort === sortKey;
  return (
    <TableHeaderCell
      className={align === "right" ? "text-right" : ""}
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}
    >
      <button
        type="button"
        onClick={() => onSort(sortKey)}
        className="inline-flex items-center gap-1 whitespace-nowrap hover:text-tremor-content-strong"
      >
        {label}
        <span aria-hidden className={active ? "text-tremor-brand" : "text-tremor-content-subtle"}>
          {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </TableHeaderCell>
  );
}
