// Types for ./run.mjs (imported by TypeScript tests).
export declare const migratorDir: string;
export declare const repoRoot: string;
export declare const schemaPath: string;
export declare const migrationsDir: string;
export declare const MIGRATION_LOCK: string;
export declare function listMigrations(dir?: string): string[];
export declare function migratorInstalled(): boolean;
export declare function ensureMigrator(opts?: { log?: (msg: string) => void }): Promise<boolean>;
export declare function runMigrator(
  args: string[],
  opts: { databaseUrl: string; timeoutMs?: number },
): Promise<{ code: number; stdout: string; stderr: string }>;
export declare function diffMigrationsToSchema(opts: {
  databaseUrl: string;
  migrations?: string;
  schema?: string;
}): Promise<{ changed: boolean; sql: string }>;
