import pino from "pino";
import { baseEnv } from "@/lib/env";

const { LOG_LEVEL, BURNRATE_PROCESS } = baseEnv();

/** Structured JSON logs; child loggers add orgId, requestId, jobId. */
export const log = pino({
  level: LOG_LEVEL,
  base: { service: BURNRATE_PROCESS },
  redact: ["req.headers.authorization", "*.password", "*.apiKey", "*.secret"],
});
