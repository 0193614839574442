import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { redis, redisKey } from "@/lib/redis/connection";

/**
 * Sign-in attempts per account (the address typed, whether or not it exists) and failed ones per client
 * address. An account's attempt is counted before the password is checked (so parallel guesses count too)
 * and its count is cleared by a success; an address's count only grows (a success of one's own account
 * must not buy guesses at others). From the `delayFrom`-th attempt on, the next one must wait 1, 2, 4 … 60 s;
 * at `lockAfter` the subject is locked for SIGNIN_LOCK_MINUTES. Both are refused without a password
 * check, with the same message for existing and unknown accounts.
 */
const ATTEMPT = `
local now = tonumber(ARGV[1])
local untilMs = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if now < untilMs then return untilMs - now end
if ARGV[5] == 'check' then return 0 end
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
local lockAfter, delayFrom, lockMs = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
if n >= lockAfter then
  redis.call('HSET', KEYS[1], 'until', now + lockMs)
elseif n >= delayFrom then
  redis.call('HSET', KEYS[1], 'until', now + math.min(2 ^ (n - delayFrom), 60) * 1000)
end
redis.call('PEXPIRE', KEYS[1], lockMs)
return 0
`;

type Subject = { key: string; lockAfter: number; delayFrom: number };

function subjects(email: string, address: string): Subject[] {
  const e = env();
  return [
    {
      key: redisKey("signin", "account", email.trim().toLowerCase()),
      lockAfter: e.SIGNIN_ACCOUNT_LOCK_AFTER,
      delayFrom: 3,
    },
    {
      key: redisKey("signin", "address", address),
      lockAfter: e.SIGNIN_ADDRESS_LOCK_AFTER,
      delayFrom: Math.ceil(e.SIGNIN_ADDRESS_LOCK_AFTER / 2),
    },
  ];
}

export class SignInThrottled extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many sign-in attempts. Try again in ${retryAfterSeconds} s.`);
    this.name = "SignInThrottled";
  }
}

/**
 * "unknown": the HTTP edge did not run (another server than `next start`/`next dev`). One shared bucket
 * would let anyone lock everyone out, so the per-address count is skipped (the per-account one holds).
 */
function known(address: string): boolean {
  if (address !== "unknown") return true;
  log.warn("client address unknown (lib/net/http-edge.ts not installed): sign-in throttled per account only");
  return false;
}

async function run(s: Subject, mode: "count" | "check"): Promise<number> {
  const lockMs = env().SIGNIN_LOCK_MINUTES * 60_000;
  return Number(await redis().eval(ATTEMPT, 1, s.key, Date.now(), s.lockAfter, s.delayFrom, lockMs, mode));
}

/**
 * Before the password check: counts the account's attempt; throws SignInThrottled when the account or
 * the client address must wait or is locked.
 */
export async function beginSignIn(email: string, address: string): Promise<void> {
  const [account, addr] = subjects(email, address);
  let waitMs: number;
  try {
    waitMs = Math.max(known(address) ? await run(addr!, "check") : 0, await run(account!, "count"));
  } catch (err) {
    // Redis holds no data of record: during an outage sign-in works unthrottled (and says so in the log).
    log.warn({ err }, "sign-in throttle unavailable (Redis); allowing the attempt");
    return;
  }
  if (waitMs > 0) throw new SignInThrottled(Math.ceil(waitMs / 1000));
}

/** A wrong password or unknown account: counts against the client address. */
export async function signInFailed(email: string, address: string): Promise<void> {
  try {
    if (known(address)) await run(subjects(email, address)[1]!, "count");
  } catch (err) {
    log.warn({ err }, "could not count a failed sign-in");
  }
}

/** A correct password: the account starts afresh. */
export async function signInSucceeded(email: string, address: string): Promise<void> {
  try {
    await redis().del(subjects(email, address)[0]!.key);
  } catch (err) {
    log.warn({ err }, "could not reset the sign-in throttle");
  }
}
