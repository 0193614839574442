"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { exploreSearch, parseExplore, type ExploreState } from "./explore-state";

/**
 * The Explore view's state, read from and written to the URL; each change is a history entry (router.push),
 * so that Back returns to the previous view.
 * A change made before the URL caught up with the previous one builds on that previous one (kept
 * until the URL changes), so two quick changes (clear a filter, then group by) both hold.
 */
export function useExploreState(): [ExploreState, (patch: Partial<ExploreState>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [now] = useState(() => new Date());
  const key = params.toString();
  const state = useMemo(() => parseExplore(new URLSearchParams(key), now), [key, now]);
  const pending = useRef<ExploreState | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the URL changed: what was pending has landed
  useEffect(() => {
    pending.current = null;
  }, [key]);
  const update = useCallback(
    (patch: Partial<ExploreState>) => {
      const next = parseExplore(exploreSearch({ ...(pending.current ?? state), ...patch }), now);
      pending.current = next;
      router.push(`${pathname}?${exploreSearch(next)}`, { scroll: false });
    },
    [state, now, router, pathname],
  );
  return [state, update];
}
