// The service discovery of npm start (scripts/lib/postgres.mjs, scripts/lib/redis.mjs) for shell
// scripts such as .ci/run, before `npm ci` (built-ins only):
//
//   node scripts/probe-services.mjs postgres   exit 0 if DATABASE_URL is set or a server answers on
//                                              127.0.0.1:$BURNRATE_PROBE_PG_PORT (5432), else 1
//   node scripts/probe-services.mjs redis      exit 0 if REDIS_URL is set or 127.0.0.1:$BURNRATE_PROBE_REDIS_PORT
//                                              (6379) answers PING, else 1
// `--quiet` prints nothing; otherwise one line says what was found.
import { probeLocalPostgres } from "./lib/postgres.mjs";
import { probeLocalRedis } from "./lib/redis.mjs";

async function probe(service) {
  if (service === "postgres") {
    if (process.env.DATABASE_URL) return [true, "DATABASE_URL is set; using it"];
    const { port, answers } = await probeLocalPostgres();
    return [answers, answers ? `a server answers on 127.0.0.1:${port}` : `nothing answers on 127.0.0.1:${port}`];
  }
  if (service === "redis") {
    if (process.env.REDIS_URL) return [true, "REDIS_URL is set; using it"];
    const { port, reply } = await probeLocalRedis();
    return [
      reply === "PONG",
      reply === "PONG" ? `Redis answers on 127.0.0.1:${port}` : `no Redis on 127.0.0.1:${port} (${reply})`,
    ];
  }
  return [false, `usage: node scripts/probe-services.mjs postgres|redis [--quiet]`];
}

const [ok, message] = await probe(process.argv[2]);
if (!process.argv.includes("--quiet")) console.log(message);
process.exit(ok ? 0 : 1);
