// Unit tests sit beside the code (`lib/**/x.test.ts`); integration tests live in test/.
// test/global-setup.ts gives every run its own migrated database and Redis key prefix.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [{ find: /^@\//, replacement: root }],
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "e2e/**", "tools/**", ".next/**", ".data/**"],
    globalSetup: ["test/global-setup.ts"],
    env: { NEXTAUTH_SECRET: "test-secret-that-is-at-least-32-characters", LOG_LEVEL: "warn", NODE_ENV: "test" },
    // 2-core machine, and DB tests share the run's database: one test file at a time.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
