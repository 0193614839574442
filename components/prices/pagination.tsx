import { Button } from "@tremor/react";
import { formatCount } from "./format-price";

type Props = { page: number; pageSize: number; total: number; onPage: (page: number) => void; busy?: boolean };

/** Prev/Next with "x–y of N". */
export function Pagination({ page, pageSize, total, onPage, busy }: Props) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <div className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm text-tremor-content">
      <span aria-live="polite" data-testid="catalog-range">
        {formatCount(first)}–{formatCount(last)} of {formatCount(total)}
      </span>
      <div className="flex gap-2">
        <Button size="xs" variant="secondary" disabled={page <= 1 || busy} onClick={() => onPage(page - 1)}>
          Prev
        </Button>
        <Button size="xs" variant="secondary" disabled={last >= total || busy} onClick={() => onPage(page + 1)}>
          Next
        </Button>
      </div>
    </div>
  );
}
