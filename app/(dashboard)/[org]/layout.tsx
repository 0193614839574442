import type { ReactNode } from "react";
import { requireMember } from "@/lib/auth/page-guard";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { listMemberships } from "@/lib/tenancy/find-membership";
import { Sidebar } from "@/components/layout/sidebar";

export const dynamic = "force-dynamic";

export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org: slug } = await params;
  const { user, org, role } = await requireMember(slug);
  const memberships = await listMemberships(user.id);
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <Sidebar
        org={{ slug: org.slug, name: org.name }}
        role={role}
        permissions={[...ROLE_PERMISSIONS[role]]}
        userEmail={user.email}
        organizations={memberships.map((m) => ({ slug: m.org.slug, name: m.org.name }))}
      />
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8">{children}</main>
    </div>
  );
}
