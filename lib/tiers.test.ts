/**
 * lib/ in tiers (docs: /work/shared/DESIGN.md "lib/ in tiers", README "Development"): imports only go
 * down the tiers or sideways within one, and no lib folder reaches itself back through others.
 * Pure file reading: every import in lib/ (static, `export … from`, `import type`, dynamic import()).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** The one list of lib/ folders by tier; a folder missing here fails the test. */
const LIB_TIERS: Record<string, 1 | 2 | 3> = {
  // 1. base, used by all
  env: 1,
  log: 1,
  db: 1,
  redis: 1,
  errors: 1,
  money: 1,
  usage: 1,
  tenancy: 1,
  queue: 1,
  crypto: 1,
  net: 1,
  // 2. domain capabilities
  auth: 2,
  operators: 2,
  pricing: 2,
  ingest: 2,
  rollups: 2,
  apikeys: 2,
  members: 2,
  audit: 2,
  health: 2,
  maintenance: 2,
  budgets: 2,
  limits: 2,
  delivery: 2,
  webhooks: 2,
  notifications: 2,
  demo: 2,
  chargeback: 2,
  billing: 2,
  exports: 2,
  otel: 2,
  anomalies: 2,
  insights: 2,
  // 3. workflows and edges
  onboarding: 3,
  api: 3,
  client: 3,
  openapi: 3,
  contracts: 3,
};

const LIB = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(LIB);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "generated" ? [] : sourceFiles(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** The lib folder a file belongs to ("log" for lib/log.ts), or null outside lib/. */
function folderOf(file: string): string | null {
  const rel = relative(LIB, file);
  if (rel.startsWith("..")) return null;
  return rel.split(/[\\/]/)[0]!.replace(/\.tsx?$/, "");
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^"'`;]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;

/** Every lib-to-lib folder edge, with one example import for the message. */
function libImportEdges(files: string[], read: (f: string) => string = (f) => readFileSync(f, "utf8")) {
  const edges = new Map<string, string>(); // "from->to" → example
  for (const file of files) {
    const from = folderOf(file);
    if (!from) continue;
    for (const m of read(file).matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      const target = spec.startsWith("@/")
        ? join(ROOT, spec.slice(2))
        : spec.startsWith(".")
          ? resolve(dirname(file), spec)
          : null;
      const to = target && folderOf(target);
      if (!to || to === from) continue;
      const key = `${from}->${to}`;
      if (!edges.has(key)) edges.set(key, `${relative(ROOT, file)} imports "${spec}"`);
    }
  }
  return edges;
}

/** Imports that go up a tier. */
function upwardImports(edges: Map<string, string>): string[] {
  return [...edges]
    .filter(([k]) => {
      const [from, to] = k.split("->") as [string, string];
      return (LIB_TIERS[to] ?? 0) > (LIB_TIERS[from] ?? 0);
    })
    .map(([k, ex]) => `${k} (tier ${LIB_TIERS[k.split("->")[0]!]} -> tier ${LIB_TIERS[k.split("->")[1]!]}): ${ex}`);
}

/** Every cycle between folders, each as "a -> b -> … -> a" with the imports that close it. */
function folderCycles(edges: Map<string, string>): string[] {
  const next = new Map<string, string[]>();
  for (const k of edges.keys()) {
    const [from, to] = k.split("->") as [string, string];
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const cycles = new Set<string>();
  const walk = (start: string, node: string, path: string[]) => {
    for (const to of next.get(node) ?? []) {
      if (to === start) {
        // One spelling per cycle: rotated to start at its smallest folder name.
        const min = path.indexOf([...path].sort()[0]!);
        const ring = [...path.slice(min), ...path.slice(0, min), path[min]!];
        const steps = ring.slice(1).map((t, i) => `    ${ring[i]} -> ${t}: ${edges.get(`${ring[i]}->${t}`)}`);
        cycles.add(`${ring.join(" -> ")}\n${steps.join("\n")}`);
      } else if (!path.includes(to)) walk(start, to, [...path, to]);
    }
  };
  for (const start of next.keys()) walk(start, start, [start]);
  return [...cycles].sort();
}

describe("lib/ tiers", () => {
  // This file's own planted imports below are fixtures, not imports.
  const edges = libImportEdges(sourceFiles(LIB).filter((f) => f !== fileURLToPath(import.meta.url)));

  it("knows the tier of every lib/ folder", () => {
    const folders = readdirSync(LIB)
      .filter((n) => !/\.test\.tsx?$/.test(n) && (statSync(join(LIB, n)).isDirectory() || /\.tsx?$/.test(n)))
      .map((n) => n.replace(/\.tsx?$/, ""));
    expect(folders.filter((f) => !(f in LIB_TIERS))).toEqual([]);
  });

  it("has no import that goes up a tier", () => {
    expect(upwardImports(edges)).toEqual([]);
  });

  it("has no cycle between lib/ folders, directly or through others", () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it("finds a planted upward import and a planted cycle (the checks can fail)", () => {
    const files = [join(LIB, "usage/x.ts"), join(LIB, "api/y.ts"), join(LIB, "pricing/a.ts"), join(LIB, "ingest/b.ts")];
    const src: Record<string, string> = {
      [files[0]!]: `import type { X } from "@/lib/api/y";`,
      [files[1]!]: `import { z } from "zod";\nexport { Y } from "../usage/x";`,
      [files[2]!]: `const b = await import("@/lib/ingest/b");`,
      [files[3]!]: `import {\n  a,\n} from "../pricing/a";`,
    };
    const planted = libImportEdges(files, (f) => src[f]!);
    expect(upwardImports(planted)).toEqual([`usage->api (tier 1 -> tier 3): lib/usage/x.ts imports "@/lib/api/y"`]);
    expect(folderCycles(planted).map((c) => c.split("\n")[0])).toEqual([
      "api -> usage -> api",
      "ingest -> pricing -> ingest",
    ]);
  });
});
