import { Card } from "@tremor/react";
import { OperationCard, type Operation } from "@/components/docs/operation-card";
import type { SchemaNode } from "@/components/docs/schema-rows";
import { SchemaTable } from "@/components/docs/schema-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/page-guard";
import { openApiDocument } from "@/lib/openapi/document";

export const metadata = { title: "API reference · Burnrate" };

const EXAMPLE = `curl -X POST "$BURNRATE_URL/api/v1/events" \\
  -H "Authorization: Bearer $BURNRATE_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"events":[{"eventId":"req_123","timestamp":"2026-11-24T12:00:00Z","provider":"openai",
       "model":"gpt-4o-2024-08-06","inputTokens":1200,"outputTokens":350,"cachedInputTokens":800,
       "team":"search","feature":"answers","customer":"acme"}]}'`;

const CAPS_EXAMPLE = `# 1. Before an LLM call: may it go ahead? (a key with the ingest or read scope)
curl "$BURNRATE_URL/api/v1/limits?team=search&customer=acme&endUser=u_42" \\
  -H "Authorization: Bearer $BURNRATE_API_KEY"
# → {"allowed":false,"asOf":"…","budgets":[{"name":"acme monthly","capped":true,
#     "spent":"50.02","amount":"50","remaining":"0","resetsAt":"2026-12-01T00:00:00.000Z",…}]}
#   A refusal is a 200 answer, not an error: do not retry it; it resets at resetsAt.

# 2. Or hold the call's most cost, atomically against every matching cap
curl -X POST "$BURNRATE_URL/api/v1/limits/reserve" \\
  -H "Authorization: Bearer $BURNRATE_API_KEY" -H "Content-Type: application/json" \\
  -d '{"team":"search","customer":"acme","model":"gpt-4o","maxInputTokens":4000,"maxOutputTokens":1000,"ttlSeconds":120}'
# → {"allowed":true,"reservationId":"rsv_…","expiresAt":"…","amount":"0.02",…}

# 3. Settle it with the usage event (its actual cost replaces the hold, once, even if retried)
curl -X POST "$BURNRATE_URL/api/v1/events" -H "Authorization: Bearer $BURNRATE_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"eventId":"req_1","timestamp":"2026-11-30T12:00:00Z","provider":"openai","model":"gpt-4o",
       "inputTokens":3100,"outputTokens":420,"team":"search","customer":"acme","reservationId":"rsv_…"}'

# …or give it back if the call failed (unsettled holds also expire after ttlSeconds)
curl -X POST "$BURNRATE_URL/api/v1/limits/release" -H "Authorization: Bearer $BURNRATE_API_KEY" \\
  -H "Content-Type: application/json" -d '{"reservationId":"rsv_…"}'`;

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
      <div className="min-w-0 space-y-6">
        <Card className="min-w-0">
          <h2 className="font-medium text-tremor-content-strong">Quick start</h2>
          <pre className="mt-3 overflow-x-auto rounded bg-gray-900 p-4 text-xs text-gray-100">{EXAMPLE}</pre>
          <ul className="mt-4 list-disc break-words pl-5 text-sm text-tremor-content [overflow-wrap:anywhere]">
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
        <Card id="hard-caps">
          <h2 className="font-medium text-tremor-content-strong">Hard caps: check, reserve, settle, release</h2>
          <p className="mt-2 text-sm text-tremor-content">
            Budgets with a hard cap stop spend: ask before a call, or reserve its most cost and settle it with the usage
            event. Webhooks receive <code>budget.capped</code> and <code>budget.released</code>.
          </p>
          <pre className="mt-3 overflow-x-auto rounded bg-gray-900 p-4 text-xs text-gray-100">{CAPS_EXAMPLE}</pre>
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
