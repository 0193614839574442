import { Card } from "@tremor/react";
import { resolve, type SchemaNode } from "./schema-rows";
import { SchemaTable } from "./schema-table";

type Parameter = { name: string; in: string; required?: boolean; description?: string; schema: SchemaNode };
type Content = { content?: Record<string, { schema: SchemaNode }> };
export type Operation = {
  operationId: string;
  summary: string;
  description: string;
  security?: { apiKey?: string[] }[];
  parameters?: Parameter[];
  requestBody?: Content;
  responses: Record<string, Content & { description: string }>;
};

/** A body schema: one table, or one per alternative of a union (e.g. one event or a batch). */
function Body({ schema, schemas }: { schema: SchemaNode; schemas: Record<string, SchemaNode> }) {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (!alternatives) return <SchemaTable schema={schema} schemas={schemas} />;
  return (
    <div className="space-y-4">
      {alternatives.map((alt, i) => {
        const name = alt.$ref?.split("/").pop() ?? `Form ${i + 1}`;
        return (
          <div key={name}>
            <p className="text-sm font-medium text-tremor-content-strong">
              {i === 0 ? "Either" : "or"} {name}
              {resolve(alt, schemas).description ? ` — ${resolve(alt, schemas).description}` : ""}
            </p>
            <SchemaTable schema={alt} schemas={schemas} />
          </div>
        );
      })}
    </div>
  );
}

const bodyOf = (c: Content) => c.content?.["application/json"]?.schema;

export function OperationCard({
  method,
  path,
  op,
  schemas,
}: {
  method: string;
  path: string;
  op: Operation;
  schemas: Record<string, SchemaNode>;
}) {
  const scopes = op.security?.flatMap((s) => s.apiKey ?? []) ?? [];
  const request = op.requestBody ? bodyOf(op.requestBody) : undefined;
  return (
    <Card id={op.operationId} className="min-w-0 [overflow-wrap:anywhere]">
      <h2 className="break-all font-mono text-sm font-semibold text-tremor-content-strong">
        <span className="mr-2 rounded bg-tremor-brand-muted px-2 py-0.5 text-tremor-brand-emphasis">
          {method.toUpperCase()}
        </span>{" "}
        {path}
      </h2>
      <p className="mt-2 font-medium text-tremor-content-strong">{op.summary}</p>
      <p className="mt-1 text-sm text-tremor-content">{op.description}</p>
      {scopes.length ? (
        <p className="mt-2 text-sm text-tremor-content">
          Needs an API key with the{" "}
          <code className="rounded bg-tremor-background-subtle px-1">{scopes.join(", ")}</code> scope.
        </p>
      ) : null}
      {op.parameters?.length ? (
        <>
          <h3 className="mt-6 font-medium text-tremor-content-strong">Parameters</h3>
          <SchemaTable
            schema={{
              type: "object",
              properties: Object.fromEntries(
                op.parameters.map((p) => [`${p.name} (${p.in})`, { ...p.schema, description: p.description }]),
              ),
              required: op.parameters.filter((p) => p.required).map((p) => `${p.name} (${p.in})`),
            }}
            schemas={schemas}
          />
        </>
      ) : null}
      {request ? (
        <>
          <h3 className="mt-6 font-medium text-tremor-content-strong">Request body</h3>
          <Body schema={request} schemas={schemas} />
        </>
      ) : null}
      <h3 className="mt-6 font-medium text-tremor-content-strong">Responses</h3>
      <div className="mt-2 space-y-4">
        {Object.entries(op.responses).map(([status, r]) => {
          const schema = bodyOf(r);
          const isError = schema?.$ref?.endsWith("/Error");
          return (
            <div key={status}>
              <p className="text-sm">
                <span className="font-mono font-semibold">{status}</span> — {r.description}
                {isError ? <span className="text-tremor-content"> (the error shape below)</span> : null}
              </p>
              {schema && !isError ? <Body schema={schema} schemas={schemas} /> : null}
            </div>
          );
        })}
      </div>
    </Card>
  );
}
