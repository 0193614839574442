import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/page-guard";
import { getStatement } from "@/lib/chargeback";
import { AppError } from "@/lib/errors";
import { StatementDetail } from "@/components/chargeback/statement-detail";

export default async function StatementPage({ params }: { params: Promise<{ org: string; statementId: string }> }) {
  const p = await params;
  const { org } = await requireMember(p.org);
  const statement = await getStatement(org.id, p.statementId).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  return <StatementDetail orgSlug={org.slug} orgName={org.name} statement={JSON.parse(JSON.stringify(statement))} />;
}
