"use client";

import { useRouter } from "next/navigation";

type Org = { slug: string; name: string };

export function OrgSwitcher({ current, organizations }: { current: Org; organizations: Org[] }) {
  const router = useRouter();
  return (
    <label className="block text-xs text-tremor-content">
      Organisation
      <select
        aria-label="Switch organisation"
        className="mt-1 block w-full rounded-tremor-small border-tremor-border text-sm text-tremor-content-strong"
        value={current.slug}
        onChange={(e) => router.push(e.target.value === "__new" ? "/new-org" : `/${e.target.value}`)}
      >
        {organizations.map((o) => (
          <option key={o.slug} value={o.slug}>
            {o.name}
          </option>
        ))}
        <option value="__new">+ New organisation…</option>
      </select>
    </label>
  );
}
