"use client";

import { Card } from "@tremor/react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { CatalogTable } from "./catalog-table";
import { Pagination } from "./pagination";
import { pricingKeys } from "./pricing-keys";
import type { CatalogPage } from "./types";
import { useDebouncedValue } from "./use-debounced-value";
import { useProviders } from "./use-providers";
import { apiUrl } from "@/lib/client/api-url";

const PAGE_SIZE = 20;

/** The shared model price catalog: searchable, filterable by provider, paginated. */
export function CatalogPanel({ orgSlug }: { orgSlug: string }) {
  const [search, setSearch] = useState("");
  const [provider, setProvider] = useState("");
  const [page, setPage] = useState(1);
  const term = useDebouncedValue(search.trim(), 300);
  const url = apiUrl("/api/orgs/{org}/prices", {
    params: { org: orgSlug },
    query: { page, pageSize: PAGE_SIZE, search: term || undefined, provider: provider || undefined },
  });
  const q = useQuery({
    queryKey: [...pricingKeys.catalog(orgSlug), url],
    queryFn: () => apiFetch<CatalogPage>(url),
    placeholderData: keepPreviousData,
  });
  const providers = useProviders(orgSlug);

  return (
    <Card>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 className="font-medium text-tremor-content-strong">Catalog</h2>
          <p className="text-sm text-tremor-content">Current list prices in USD per 1M tokens.</p>
        </div>
        <div className="flex w-full flex-wrap items-end gap-3 sm:w-auto">
          <label className="min-w-0 flex-1 text-sm font-medium text-tremor-content-strong sm:w-64 sm:flex-none">
            Search models
            <input
              id="catalog-search"
              type="search"
              value={search}
              placeholder="gpt-4o, claude, gemini…"
              onChange={(e) => {
                setSearch(e.target.value);
                setPage(1);
              }}
              className="mt-1 block w-full rounded-tremor-default border-tremor-border text-sm shadow-tremor-input focus:border-tremor-brand focus:ring-tremor-brand"
            />
          </label>
          <label className="text-sm font-medium text-tremor-content-strong">
            Provider
            <select
              id="catalog-provider"
              value={provider}
              onChange={(e) => {
                setProvider(e.target.value);
                setPage(1);
              }}
              className="mt-1 block rounded-tremor-default border-tremor-border text-sm shadow-tremor-input"
            >
              <option value="">All providers</option>
              {providers.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <QueryState isLoading={q.isLoading} error={q.error} label="the price catalog" onRetry={() => void q.refetch()} />
      {q.data && q.data.items.length === 0 ? (
        <EmptyState title="No models match">
          Try another search or provider. Models you run yourself can be given a price under Your pricing.
        </EmptyState>
      ) : null}
      {q.data && q.data.items.length > 0 ? (
        <div className={q.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}>
          <CatalogTable rows={q.data.items} />
          <Pagination
            page={q.data.page}
            pageSize={q.data.pageSize}
            total={q.data.total}
            onPage={setPage}
            busy={q.isFetching}
          />
        </div>
      ) : null}
    </Card>
  );
}
