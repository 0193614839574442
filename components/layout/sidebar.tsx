"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { Logo } from "./logo";
import { OrgSwitcher } from "./org-switcher";

type Props = {
  org: { slug: string; name: string };
  role: string;
  userEmail: string;
  organizations: { slug: string; name: string }[];
  /** The member's permissions: links to pages it may not open are not shown. */
  permissions: readonly string[];
};

/** A link of the main navigation; `permission`: shown only to members holding it. */
type NavItem = { href: string; label: string; permission?: string };

const NAV: NavItem[] = [
  { href: "", label: "Overview" },
  { href: "/explore", label: "Explore" },
  { href: "/savings", label: "Savings" },
  { href: "/budgets", label: "Budgets" },
  { href: "/alerts", label: "Alerts" },
  { href: "/chargeback", label: "Chargeback" },
  { href: "/anomalies", label: "Anomalies" },
  { href: "/settings/api-keys", label: "API keys", permission: "apikeys:manage" },
  { href: "/settings/channels", label: "Alert channels" },
  { href: "/settings/webhooks", label: "Webhooks" },
  { href: "/settings/prices", label: "Prices" },
  { href: "/settings/members", label: "Members" },
  { href: "/settings/audit", label: "Audit log", permission: "audit:read" },
  { href: "/settings/organization", label: "Organisation" },
  { href: "/docs", label: "API reference" },
];

export function Sidebar({ org, role, userEmail, organizations, permissions }: Props) {
  const pathname = usePathname();
  return (
    <aside className="flex shrink-0 flex-col gap-4 border-b border-tremor-border bg-tremor-background p-4 md:min-h-screen md:w-60 md:border-b-0 md:border-r">
      <Link href="/" className="text-base text-tremor-content-strong">
        <Logo />
      </Link>
      <OrgSwitcher current={org} organizations={organizations} />
      <nav className="flex flex-wrap gap-1 md:flex-col" aria-label="Main">
        {NAV.filter((item) => !item.permission || permissions.includes(item.permission)).map((item) => {
          const href = `/${org.slug}${item.href}`;
          const active = item.href === "" ? pathname === href : pathname.startsWith(href);
          return (
            <Link
              key={item.label}
              href={href}
              aria-current={active ? "page" : undefined}
              className={`rounded-tremor-small px-3 py-2 text-sm ${active ? "bg-tremor-brand-faint font-medium text-tremor-brand-emphasis" : "text-tremor-content-emphasis hover:bg-tremor-background-subtle"}`}
            >
              {item.label}
            </Link>
          );
        })}
      </nav>
      <div className="mt-auto space-y-2 border-t border-tremor-border pt-4 text-xs text-tremor-content">
        <p className="truncate" title={userEmail}>
          {userEmail}
        </p>
        <p>Role: {role}</p>
        <Link href="/account" className="block text-tremor-brand underline">
          Account and password
        </Link>
        <button
          type="button"
          onClick={() => signOut({ callbackUrl: "/login" })}
          className="text-tremor-brand underline"
        >
          Sign out (every device)
        </button>
      </div>
    </aside>
  );
}
