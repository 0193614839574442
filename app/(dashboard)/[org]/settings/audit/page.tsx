import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { NoAccess } from "@/components/ui/no-access";
import { AuditPanel } from "@/components/audit/audit-panel";

export const metadata = { title: "Audit log · Burnrate" };

export default async function AuditPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, role, allowed } = await requireMember((await params).org, "audit:read");
  return (
    <>
      <PageHeader title="Audit log" description="Who did what to which object, newest first." />
      {allowed ? <AuditPanel orgSlug={org.slug} /> : <NoAccess role={role} what="read the audit log" />}
    </>
  );
}
