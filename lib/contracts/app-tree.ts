import fs from "node:fs";
import path from "node:path";

/** A route file or page of the app/ tree, with the URL pattern its location gives it. */
export type AppEntry = { file: string; pattern: string };

function walk(dir: string, name: string, root: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(full, name, root));
    else if (e.name === name) out.push(path.relative(root, full).split(path.sep).join("/"));
  }
  return out.sort();
}

/** "app/api/orgs/[org]/api-keys/route.ts" -> "/api/orgs/{org}/api-keys"; route groups "(x)" vanish. */
export function patternOf(file: string): string {
  const segments = file
    .split("/")
    .slice(1, -1)
    .filter((s) => !/^\(.*\)$/.test(s));
  return `/${segments.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
}

/** Every API route file and every page under app/, found on disk (not from any hand-kept list). */
export function scanAppTree(root = process.cwd()): { routes: AppEntry[]; pages: AppEntry[] } {
  const app = path.join(root, "app");
  const entries = (name: string) => walk(app, name, root).map((file) => ({ file, pattern: patternOf(file) }));
  return { routes: entries("route.ts"), pages: entries("page.tsx") };
}
