import pino from "pino";

/** Structured JSON logs; child loggers add orgId, requestId, jobId. */
export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: process.env.BURNRATE_PROCESS ?? "web" },
  redact: ["req.headers.authorization", "*.password", "*.apiKey", "*.secret"],
});
