type Prop = {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  format?: string;
  maximum?: number;
  minimum?: number;
  maxLength?: number;
  anyOf?: Prop[];
};

function typeOf(p: Prop): string {
  if (p.enum) return p.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (p.anyOf) return p.anyOf.map(typeOf).join(" | ");
  const t = Array.isArray(p.type) ? p.type.join(" | ") : (p.type ?? "any");
  return p.format ? `${t} (${p.format})` : t;
}

function limits(p: Prop): string {
  const out = [];
  if (p.minimum !== undefined) out.push(`≥ ${p.minimum}`);
  if (p.maximum !== undefined) out.push(`≤ ${p.maximum}`);
  if (p.maxLength !== undefined) out.push(`≤ ${p.maxLength} chars`);
  return out.join(", ");
}

/** Renders an object schema of the OpenAPI document as a field table. */
export function SchemaTable({ schema }: { schema: { properties: Record<string, Prop>; required?: string[] } }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-tremor-border text-tremor-content-strong">
          <tr>
            <th className="py-2 pr-4">Field</th>
            <th className="py-2 pr-4">Type</th>
            <th className="py-2 pr-4">Limits</th>
            <th className="py-2">Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-tremor-border">
          {Object.entries(schema.properties).map(([name, p]) => (
            <tr key={name}>
              <td className="py-2 pr-4 font-mono">
                {name}
                {schema.required?.includes(name) ? (
                  <span className="ml-1 text-red-600" title="required">
                    *
                  </span>
                ) : null}
              </td>
              <td className="py-2 pr-4 font-mono text-xs">{typeOf(p)}</td>
              <td className="py-2 pr-4 text-xs">{limits(p)}</td>
              <td className="py-2 text-tremor-content">{p.description ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
