import { parseEnv, type Env } from "./schema";

export { EnvError, parseEnv, type Env } from "./schema";

let cached: Env | undefined;

/** The validated configuration, parsed from process.env on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
