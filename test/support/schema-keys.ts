// Reads the keys of a Prisma schema and the tables of docs/scaling.md (for test/distribution-ready.test.ts).

export interface Model {
  name: string;
  fields: string[];
  /** "primary key (a, b)" / "unique (a)": every primary key and unique index. */
  keys: { label: string; fields: string[] }[];
}

/** The models of a Prisma schema, with their fields and keys (field and block attributes). */
export function parseModels(schema: string): Model[] {
  const models: Model[] = [];
  const text = schema.replace(/\/\/.*$/gm, "");
  for (const m of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const model: Model = { name: m[1] as string, fields: [], keys: [] };
    for (const raw of (m[2] as string).split("\n")) {
      const line = raw.trim();
      const block = line.match(/^@@(id|unique)\s*\(\s*(?:fields:\s*)?\[([^\]]*)\]/);
      if (block) {
        const fields = (block[2] as string).split(",").map((f) => f.trim().replace(/\(.*\)$/, ""));
        model.keys.push({ label: `${block[1] === "id" ? "primary key" : "unique"} (${fields.join(", ")})`, fields });
        continue;
      }
      const field = line.match(/^(\w+)\s+\S+(.*)$/);
      if (!field || line.startsWith("@@")) continue;
      const [, name, attrs] = field as unknown as [string, string, string];
      model.fields.push(name);
      if (/(^|\s)@id\b/.test(attrs)) model.keys.push({ label: `primary key (${name})`, fields: [name] });
      if (/(^|\s)@unique\b/.test(attrs)) model.keys.push({ label: `unique (${name})`, fields: [name] });
    }
    models.push(model);
  }
  return models;
}

/** Rows of the first markdown table under the heading `heading` (cells without backticks). */
export function tableUnder(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) return [];
  const rows: string[][] = [];
  let inTable = false;
  for (const line of markdown.slice(start + heading.length + 2).split("\n")) {
    if (line.startsWith("#")) break;
    if (!line.startsWith("|")) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const cells = line
      .slice(1, -1)
      .split("|")
      .map((c) => c.trim().replace(/`/g, ""));
    if (cells.every((c) => /^-*$/.test(c))) continue;
    rows.push(cells);
  }
  return rows.slice(1); // without the header row
}

/** What the rule finds: keys of tenant tables without orgId, and tables without orgId. */
export function findings(models: Model[]) {
  const keysWithoutOrg: string[] = [];
  const withoutOrg: string[] = [];
  for (const m of models) {
    if (!m.fields.includes("orgId")) withoutOrg.push(m.name);
    else for (const k of m.keys) if (!k.fields.includes("orgId")) keysWithoutOrg.push(`${m.name}: ${k.label}`);
  }
  return { keysWithoutOrg: keysWithoutOrg.sort(), withoutOrg: withoutOrg.sort() };
}
