import { log } from "@/lib/log";
import { orgVersionKey } from "@/lib/redis/cap-versions";
import { redis, redisUsable } from "@/lib/redis/connection";
import { readFiguresBatched } from "./batched-figures";
import { byOrg } from "./by-org";
import { type CopySource, rememberFigures, takeCopiesToRefresh } from "./cap-figures-cache";
import { versionKeysOf } from "./caps-for";
import { keyNames } from "./key-names";

/**
 * Per process, in the background: the copies of cap figures checks keep using are read again once
 * a second old (half the age limit), at most MAX_COPIES_PER_PASS every TICK_MS (4,000 a second), so
 * a key checked at least every second or so is always answered from a current copy. Without it
 * every copy expired after 2 s and the next check of it waited on Postgres: about 5% of checks at
 * 1,000/s over 1,000 budgets, and they made the check's p99.
 * As a check would: the versions first (one MGET; a missing one is left to the checks, which
 * create it), then the figures, through the same batched reads as the checks.
 */
export const FIGURES_REFRESH_AFTER_MS = 1_000;
const TICK_MS = 100;
/** Copies read again per pass at most: no pass holds the event loop long (the rest wait a tick). */
export const MAX_COPIES_PER_PASS = 400;
const MGET_CHUNK = 3_000;

let timer: NodeJS.Timeout | null = null;
let stopped = false;
let running = false;

/** Starts the refresher once (its timer keeps no process alive), unless it was stopped. */
export function startFiguresRefresh(): void {
  if (timer || stopped) return;
  timer = setInterval(() => void refreshDueCopies(), TICK_MS);
  timer.unref();
}

/** Stops the background refresher for good (tests drive refreshDueCopies themselves). */
export function stopFiguresRefresh(): void {
  stopped = true;
  if (timer) clearInterval(timer);
  timer = null;
}

/** Reads again the copies due now (tests call it directly); one pass at a time. */
export async function refreshDueCopies(nowMs = Date.now()): Promise<number> {
  if (running || !redisUsable()) return 0;
  running = true;
  try {
    let n = 0;
    for (const [orgId, sources] of byOrg(takeCopiesToRefresh(nowMs, FIGURES_REFRESH_AFTER_MS, MAX_COPIES_PER_PASS)))
      n += await refreshOrg(orgId, sources);
    return n;
  } catch (err) {
    // Stryker disable next-line ObjectLiteral,StringLiteral: a log line
    log.debug({ err }, "refreshing cap figures failed; checks read Postgres");
    return 0;
  } finally {
    running = false;
  }
}

async function refreshOrg(orgId: string, sources: CopySource[]): Promise<number> {
  const at = Date.now();
  const keys = sources.map((s) => s.key);
  const names = versionKeysOf(orgId, keys);
  const [orgVersion, ...versions] = await mget([orgVersionKey(orgId), ...names]);
  if (!orgVersion) return 0;
  const figures = await readFiguresBatched(orgId, keys);
  let n = 0;
  keys.forEach((k, i) => {
    const period = versions[2 * i];
    const value = versions[2 * i + 1];
    if (!period || !value) return;
    rememberFigures(keyNames(orgId, k).figures, `${orgVersion}|${period}|${value}`, figures[i]!, at, sources[i]);
    n++;
  });
  return n;
}

async function mget(names: string[]): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for (let i = 0; i < names.length; i += MGET_CHUNK) out.push(...(await redis().mget(names.slice(i, i + MGET_CHUNK))));
  return out;
}
