import { z } from "zod";

const postgresUrl = z
  .string()
  .url()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgresql:// URL");
const redisUrl = z
  .string()
  .url()
  .refine((v) => /^rediss?:\/\//.test(v), "must be a redis:// URL");
const optionalNonEmpty = z.string().min(1).optional();

/**
 * The variables needed before anything else (the logger reads them at import): parsed on their own,
 * so that modules loaded early need neither a database URL nor a cycle through the full schema.
 */
const baseShape = {
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Which process logs: set to "worker" by workers/process-name.ts before anything is imported. */
  BURNRATE_PROCESS: z.string().min(1).default("web"),
};
export const baseEnvSchema = z.object(baseShape);
export type BaseEnv = z.infer<typeof baseEnvSchema>;

/** Every environment variable Burnrate reads, parsed once. Documented in README "Configuration". */
export const envSchema = z
  .object({
    ...baseShape,
    DATABASE_URL: postgresUrl,
    REDIS_URL: redisUrl,
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
    NEXTAUTH_URL: z.string().url().default("http://localhost:3000"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, "letters, digits, _ and - only")
      .default("burnrate"),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(3000),
    SIGNUP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    /** Connections of each Postgres pool of a process (Prisma's and the bulk SQL pool). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
    /** Longest wait for a Postgres connection (a new one, or a free one of a busy pool) before a 503. */
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(3000),
    /** Ingest requests one web process handles at once; beyond, 503 + Retry-After (load shedding). */
    INGEST_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(100_000).default(32),
    /** Dashboard API requests per signed-in user per minute. */
    SESSION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    /** Password-reset and verification mails asked per client address per minute. */
    ACCOUNT_MAIL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(5),
    /** Failed sign-ins of one account before it is locked for SIGNIN_LOCK_MINUTES (delays grow from the 3rd). */
    SIGNIN_ACCOUNT_LOCK_AFTER: z.coerce.number().int().min(2).default(10),
    /** Failed sign-ins from one client address (any account) before that address is locked. */
    SIGNIN_ADDRESS_LOCK_AFTER: z.coerce.number().int().min(2).default(50),
    SIGNIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
    /**
     * How many reverse proxies in front of the web app append to X-Forwarded-For (0: none, the client
     * address is the socket's). Never more than really exist: each extra hop lets a client choose its address.
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** Check every API response against its contract: strict answers a mismatch with a 500 (tests). */
    BURNRATE_RESPONSE_CHECK: z.enum(["off", "warn", "strict"]).optional(),
    SMTP_URL: z
      .string()
      .url()
      .refine((v) => /^smtps?:\/\//.test(v), "must be an smtp:// or smtps:// URL")
      .optional(),
    EMAIL_FROM: z.string().min(3).default("Burnrate <alerts@burnrate.local>"),
    BURNRATE_ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded")
      .optional(),
    BURNRATE_ALLOW_PRIVATE_URLS: z
      .enum(["true", "false"], "must be true or false")
      .default("false")
      .transform((v) => v === "true"),
    BURNRATE_OPERATOR_EMAILS: z
      .string()
      .optional()
      .transform((v) =>
        v
          ? v
              .split(",")
              .map((s) => s.trim().toLowerCase())
              .filter(Boolean)
          : [],
      )
      .pipe(z.array(z.string().email("must be a comma-separated list of emails"))),
    /** A LiteLLM model map or a Burnrate catalog JSON, fetched daily by the worker (see README "Prices"). */
    BURNRATE_PRICE_SYNC_URL: z
      .string()
      .url()
      .refine((v) => /^https?:\/\//.test(v), "must be an http:// or https:// URL")
      .optional(),
    BURNRATE_PRICE_SYNC_AUTO_APPLY: z
      .enum(["true", "false"], "must be true or false")
      .default("false")
      .transform((v) => v === "true"),
    /**
     * Where the Stripe SDK sends API requests (operators and tests: a local Stripe-compatible server);
     * unset: Stripe's own https://api.stripe.com.
     */
    BURNRATE_STRIPE_API_URL: z
      .string()
      .url()
      .refine((v) => /^https?:\/\//.test(v), "must be an http:// or https:// URL")
      .optional(),
    BURNRATE_INIT_ORG_SLUG: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,47}$/, "lowercase letters, digits and dashes, 2-48 characters")
      .optional(),
    BURNRATE_INIT_ORG_NAME: optionalNonEmpty,
    BURNRATE_INIT_USER_EMAIL: z.string().email().optional(),
    BURNRATE_INIT_USER_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
    BURNRATE_INIT_API_KEY: z
      .string()
      .regex(
        /^br_live_[A-Za-z0-9_-]{32,}$/,
        "must be br_live_ followed by 32+ random base64url characters (e.g. br_live_$(openssl rand -base64 24 | tr '+/' '-_'))",
      )
      .refine((v) => new Set(v.slice(8)).size >= 16, "is not random enough (too few distinct characters)")
      .optional(),
  })
  .superRefine((env, ctx) => {
    const init = ["BURNRATE_INIT_ORG_SLUG", "BURNRATE_INIT_USER_EMAIL", "BURNRATE_INIT_USER_PASSWORD"] as const;
    const set = init.filter((k) => env[k] !== undefined);
    if (set.length > 0 && set.length < init.length) {
      for (const k of init.filter((k) => env[k] === undefined)) {
        ctx.addIssue({ code: "custom", path: [k], message: `required when ${set.join(", ")} is set` });
      }
    }
    if (env.BURNRATE_INIT_API_KEY && set.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["BURNRATE_INIT_ORG_SLUG"],
        message: "required when BURNRATE_INIT_API_KEY is set",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly variables: { name: string; message: string }[]) {
    super(`Invalid configuration:\n${variables.map((v) => `  ${v.name}: ${v.message}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses a record of environment variables; throws EnvError naming every bad or missing variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseWith(envSchema, source);
}

/** Parses only the base variables (NODE_ENV, LOG_LEVEL, BURNRATE_PROCESS); throws EnvError like parseEnv. */
export function parseBaseEnv(source: Record<string, string | undefined>): BaseEnv {
  return parseWith(baseEnvSchema, source);
}

function parseWith<T>(schema: z.ZodType<T>, source: Record<string, string | undefined>): T {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const byName = new Map<string, string>();
  for (const i of result.error.issues) {
    const name = String(i.path[0] ?? "environment");
    if (!byName.has(name))
      byName.set(name, i.code === "invalid_type" && i.input === undefined ? "is required but not set" : i.message);
  }
  throw new EnvError([...byName].map(([name, message]) => ({ name, message })));
}
