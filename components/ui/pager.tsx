"use client";

import { Button } from "@tremor/react";

/** Prev / "Page n" / Next for lists paged by number; nothing when everything fits on one page. */
export function Pager({ page, hasMore, onPage }: { page: number; hasMore: boolean; onPage: (p: number) => void }) {
  if (page === 1 && !hasMore) return null;
  return (
    <nav aria-label="Pages" className="mt-3 flex items-center gap-2 text-sm">
      <Button size="xs" variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Prev
      </Button>
      <span>Page {page}</span>
      <Button size="xs" variant="secondary" disabled={!hasMore} onClick={() => onPage(page + 1)}>
        Next
      </Button>
    </nav>
  );
}
