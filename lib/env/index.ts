import { type BaseEnv, type Env, parseBaseEnv, parseEnv } from "./schema";

export { type BaseEnv, EnvError, type Env, parseBaseEnv, parseEnv } from "./schema";

let cached: Env | undefined;
let cachedBase: BaseEnv | undefined;

/** The validated configuration, parsed from process.env on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** NODE_ENV, LOG_LEVEL and BURNRATE_PROCESS only: for modules used before the full configuration (the logger). */
export function baseEnv(): BaseEnv {
  cachedBase ??= parseBaseEnv(process.env);
  return cachedBase;
}
