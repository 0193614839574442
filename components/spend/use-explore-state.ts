"use client";

import { useCallback, useMemo, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { exploreSearch, parseExplore, type ExploreState } from "./explore-state";

/** The Explore view's state, read from and written to the URL (router.replace: no history spam). */
export function useExploreState(): [ExploreState, (patch: Partial<ExploreState>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [now] = useState(() => new Date());
  const key = params.toString();
  const state = useMemo(() => parseExplore(new URLSearchParams(key), now), [key, now]);
  const update = useCallback(
    (patch: Partial<ExploreState>) => {
      const next = parseExplore(exploreSearch({ ...state, ...patch }), now);
      router.replace(`${pathname}?${exploreSearch(next)}`, { scroll: false });
    },
    [state, now, router, pathname],
  );
  return [state, update];
}
