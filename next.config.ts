import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["pino", "@node-rs/argon2", "bullmq", "ioredis", "pg", "@prisma/adapter-pg"],
  // The app's own tsconfig: `next build` type-checks what the web app is made of (app, components, lib),
  // not tests or benches; `npm test` type-checks the whole tree with tsconfig.json.
  typescript: { ignoreBuildErrors: false, tsconfigPath: "tsconfig.app.json" },
};

export default nextConfig;
