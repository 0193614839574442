import { requireMember } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { NoAccess } from "@/components/ui/no-access";
import { ApiKeysPanel } from "@/components/apikeys/api-keys-panel";
import { appBaseUrl } from "@/lib/env/app-url";

export const metadata = { title: "API keys · Burnrate" };

export default async function ApiKeysPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, role, allowed } = await requireMember((await params).org, "apikeys:manage");
  return (
    <>
      <PageHeader
        title="API keys"
        description="Services send usage with these keys. A key is shown once when created; Burnrate keeps only its hash."
      />
      {allowed ? (
        <ApiKeysPanel orgSlug={org.slug} baseUrl={appBaseUrl()} />
      ) : (
        <NoAccess role={role} what="manage API keys" />
      )}
    </>
  );
}
