import { Card } from "@tremor/react";
import { requireMember } from "@/lib/auth/page-guard";
import { openApiDocument } from "@/lib/openapi/document";
import { PageHeader } from "@/components/ui/page-header";
import { SchemaTable } from "@/components/docs/schema-table";

const EXAMPLE = `curl -X POST "$BURNRATE_URL/api/v1/events" \\
  -H "Authorization: Bearer $BURNRATE_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"events":[{"eventId":"req_123","timestamp":"2026-11-24T12:00:00Z","provider":"openai",
       "model":"gpt-4o-2024-08-06","inputTokens":1200,"outputTokens":350,"cachedInputTokens":800,
       "team":"search","feature":"answers","customer":"acme"}]}'`;

export default async function DocsPage({ params }: { params: Promise<{ org: string }> }) {
  await requireMember((await params).org);
  const doc = openApiDocument();
  const op = doc.paths["/api/v1/events"].post;
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Generated from the validation schemas; machine-readable at{" "}
            <a className="text-tremor-brand underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>{" "}
            (OpenAPI {doc.openapi}).
          </>
        }
      />
      <div className="space-y-6">
        <Card>
          <h2 className="font-mono text-sm font-semibold text-tremor-content-strong">POST /api/v1/events</h2>
          <p className="mt-2 text-sm text-tremor-content">{op.description}</p>
          <pre className="mt-4 overflow-x-auto rounded bg-gray-900 p-4 text-xs text-gray-100">{EXAMPLE}</pre>
          <h3 className="mt-6 font-medium text-tremor-content-strong">Responses</h3>
          <ul className="mt-2 space-y-1 text-sm">
            {Object.entries(op.responses).map(([code, r]) => (
              <li key={code}>
                <span className="font-mono font-semibold">{code}</span> — {r.description}
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <h2 className="mb-3 font-medium text-tremor-content-strong">Usage event</h2>
          <SchemaTable schema={doc.components.schemas.UsageEvent as never} />
        </Card>
      </div>
    </>
  );
}
