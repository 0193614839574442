import type { Redis } from "ioredis";
import { log } from "@/lib/log";
import { createRedis, redis, redisKey } from "@/lib/redis/connection";
import { authenticateApiKey } from "./authenticate-api-key";
import { hashApiKey } from "./key-format";

type ApiKey = NonNullable<Awaited<ReturnType<typeof authenticateApiKey>>>;

/** How long a process trusts a key it read, while it hears revocations (longer bounds nothing else). */
export const API_KEY_CACHE_TTL_MS = 60_000;

const channel = () => redisKey("apikeys", "revoked");
type State = {
  sub: Redis | null;
  listening: boolean;
  /** Revocations heard: a key read while one arrived is not cached (it may be the revoked one). */
  heard: number;
  cache: Map<string, { key: ApiKey; at: number }>;
};
const g = globalThis as unknown as { burnrateKeyCache?: State };
const state = (): State => (g.burnrateKeyCache ??= { sub: null, listening: false, heard: 0, cache: new Map() });

function forget(s: State, keyId: string): void {
  s.heard++;
  for (const [hash, e] of s.cache) if (e.key.id === keyId) s.cache.delete(hash);
}

/**
 * Listens for revocations on a connection of its own. The cache is used only while this process
 * is subscribed: when the connection drops, the cache is emptied and every request reads Postgres
 * until the subscription is back (a revocation published meanwhile can have been missed).
 */
function listen(s: State): void {
  if (s.sub) return;
  const sub = createRedis({ forWorker: true });
  sub.options.autoResubscribe = false;
  s.sub = sub;
  const stop = () => {
    s.listening = false;
    s.cache.clear();
  };
  sub.on("close", stop);
  sub.on("end", stop);
  sub.on("ready", () => {
    sub
      .subscribe(channel())
      .then(() => {
        s.listening = true;
      })
      .catch((err: unknown) => log.warn({ err }, "API key revocations: subscribe failed"));
  });
  sub.on("message", (_ch: string, keyId: string) => forget(s, keyId));
}

/**
 * The key a secret names, as authenticateApiKey reads it, from a per-process cache when possible:
 * a key revoked in any process is refused at once here too (Redis pub/sub), and a request made
 * while the revocations cannot be heard reads Postgres.
 */
export async function authenticateApiKeyCached(secret: string): Promise<ApiKey | null> {
  const s = state();
  listen(s);
  const hash = hashApiKey(secret);
  const hit = s.cache.get(hash);
  if (hit && s.listening && Date.now() - hit.at < API_KEY_CACHE_TTL_MS) return hit.key;
  const listeningBefore = s.listening;
  const heardBefore = s.heard;
  const key = await authenticateApiKey(secret);
  if (key && listeningBefore && s.listening && s.heard === heardBefore) {
    if (s.cache.size > 10_000) s.cache.clear();
    s.cache.set(hash, { key, at: Date.now() });
  }
  return key;
}

/** Tells every process a key was revoked (after the revocation committed). */
export async function publishKeyRevoked(keyId: string): Promise<void> {
  forget(state(), keyId);
  try {
    await redis().publish(channel(), keyId);
  } catch (err) {
    // A process that cannot hear this cannot hear anything: its cache is off until it listens again.
    log.warn({ err, keyId }, "could not publish an API key revocation (Redis)");
  }
}

/** Whether this process hears revocations now (its cache is in use); starts listening if it was not. */
export function keyCacheListening(): boolean {
  const s = state();
  listen(s);
  return s.listening;
}

/** Closes the listening connection (tests, shutdown). */
export function stopKeyCache(): void {
  const s = state();
  s.sub?.disconnect();
  s.sub = null;
  s.listening = false;
  s.cache.clear();
}
