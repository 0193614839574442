import { rowsOf, type SchemaNode } from "./schema-rows";

/** Renders an object schema of the OpenAPI document as a field table, nested fields indented. */
export function SchemaTable({ schema, schemas }: { schema: SchemaNode; schemas: Record<string, SchemaNode> }) {
  const rows = rowsOf(schema, schemas);
  if (rows.length === 0) return null;
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
          {rows.map((r) => (
            <tr key={r.name} className="align-top">
              <td className="py-2 pr-4 font-mono text-xs" style={{ paddingLeft: `${r.depth * 1}rem` }}>
                {r.name}
                {r.required ? (
                  <span className="ml-1 text-red-600" title="required">
                    *
                  </span>
                ) : null}
              </td>
              <td className="max-w-xs break-words py-2 pr-4 font-mono text-xs">{r.type}</td>
              <td className="py-2 pr-4 text-xs">{r.limits}</td>
              <td className="py-2 text-tremor-content">{r.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
