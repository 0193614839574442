import { Card } from "@tremor/react";
import { OperationCard, type Operation } from "@/components/docs/operation-card";
import type { SchemaNode } from "@/components/docs/schema-rows";
import { SchemaTable } from "@/components/docs/schema-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/page-guard";
import { openApiDocument } from "@/lib/openapi/document";

const EXAMPLE = `curl -X POST "$BURNRATE_URL/api/v1/events" \\
  -H "Authorization: Bearer $BURNRATE_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"events":[{"eventId":"req_123","timestamp":"2026-11-24T12:00:00Z","provider":"openai",
       "model":"gpt-4o-2024-08-06","inputTokens":1200,"outputTokens":350,"cachedInputTokens":800,
       "team":"search","feature":"answers","customer":"acme"}]}'`;

export default async function DocsPage({ params }: { params: Promise<{ org: string }> }) {
  await requireMember((await params).org);
  const doc = openApiDocument();
  const schemas = doc.components.schemas as Record<string, SchemaNode>;
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op: op as unknown as Operation })),
  );
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Generated from the route contracts; machine-readable at{" "}
            <a className="text-tremor-brand underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>{" "}
            (OpenAPI {doc.openapi}). {doc.info.description}
          </>
        }
      />
      <div className="space-y-6">
        <Card>
          <h2 className="font-medium text-tremor-content-strong">Quick start</h2>
          <pre className="mt-3 overflow-x-auto rounded bg-gray-900 p-4 text-xs text-gray-100">{EXAMPLE}</pre>
          <ul className="mt-4 list-disc pl-5 text-sm text-tremor-content">
            {operations.map(({ path, method, op }) => (
              <li key={op.operationId}>
                <a className="text-tremor-brand underline" href={`#${op.operationId}`}>
                  {method.toUpperCase()} {path}
                </a>{" "}
                — {op.summary}
              </li>
            ))}
          </ul>
        </Card>
        {operations.map(({ path, method, op }) => (
          <OperationCard key={op.operationId} method={method} path={path} op={op} schemas={schemas} />
        ))}
        <Card>
          <h2 className="mb-3 font-medium text-tremor-content-strong">Errors</h2>
          <p className="mb-3 text-sm text-tremor-content">Every error response has this shape.</p>
          <SchemaTable schema={schemas.Error!} schemas={schemas} />
        </Card>
      </div>
    </>
  );
}
