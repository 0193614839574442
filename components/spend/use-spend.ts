"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-fetch";
import { spendUrl } from "./spend-url";
import type { SpendParams, SpendResponse } from "./types";

/** A spend query through React Query, keyed by its exact URL. */
export function useSpend(orgSlug: string, params: SpendParams, enabled = true) {
  const url = spendUrl(orgSlug, params);
  return useQuery({ queryKey: ["spend", orgSlug, url], queryFn: () => apiFetch<SpendResponse>(url), enabled });
}
