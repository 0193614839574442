import type { NextConfig } from "next";

const dev = process.env.NODE_ENV === "development";

// Next.js hydrates with inline scripts and Tremor/Recharts style elements inline, hence 'unsafe-inline';
// everything else comes from this origin only, and no other site may frame a page (clickjacking).
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["pino", "@node-rs/argon2", "bullmq", "ioredis", "pg", "@prisma/adapter-pg", "protobufjs"],
  // The app's own tsconfig: `next build` type-checks what the web app is made of (app, components, lib),
  // not tests or benches; `npm test` type-checks the whole tree with tsconfig.json.
  typescript: { ignoreBuildErrors: false, tsconfigPath: "tsconfig.app.json" },
  // Every response, pages and API alike. HSTS is the TLS terminator's to send (README "Security").
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
