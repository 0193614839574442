import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["pino", "@node-rs/argon2", "bullmq", "ioredis", "pg", "@prisma/adapter-pg"],
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
