"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";

/** The members of the organisation (every member may read them). */
export function useMembers(orgSlug: string) {
  return useQuery({
    queryKey: ["members", orgSlug],
    queryFn: () =>
      apiFetch<ApiResponse<"members.list">>(apiUrl("/api/orgs/{org}/members", { params: { org: orgSlug } })),
    select: (d) => d.members.map((m) => m.user),
  });
}

/** The budget's owner: the member who answers for it (shown on the budget, named in alerts). */
export function BudgetOwnerSelect({
  orgSlug,
  value,
  onChange,
  error,
}: {
  orgSlug: string;
  value: string;
  onChange: (userId: string) => void;
  error?: string;
}) {
  const members = useMembers(orgSlug);
  const list = members.data ?? [];
  // A budget whose owner left keeps showing the id until someone picks another owner.
  const unknown = value !== "" && members.isSuccess && !list.some((u) => u.id === value);
  return (
    <div className="space-y-1">
      <label htmlFor="budget-owner" className="text-sm font-medium">
        Owner
      </label>
      <select
        id="budget-owner"
        className="block w-full min-w-0 rounded-tremor-default border-tremor-border text-sm shadow-tremor-input sm:w-80"
        value={value}
        disabled={members.isPending}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{members.isPending ? "Loading members…" : "No owner"}</option>
        {unknown ? <option value={value}>{value} (no longer a member)</option> : null}
        {list.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name ? `${u.name} <${u.email}>` : u.email}
          </option>
        ))}
      </select>
      {error ? <p className="text-xs text-red-600">{error}</p> : null}
    </div>
  );
}
