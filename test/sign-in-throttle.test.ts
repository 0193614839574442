// Sign-in over the credentials check next-auth calls (real Postgres + Redis): growing delays and a lock
// per account and per client address, and unknown accounts indistinguishable from wrong passwords.
process.env.SIGNIN_ADDRESS_LOCK_AFTER = "6";

import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { authorizeCredentials } from "@/lib/auth/authorize";
import { hashPassword } from "@/lib/auth/password";
import { SignInThrottled } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db";
import { disconnectRedis } from "@/lib/redis/connection";
import { closeConnections } from "./support/close-connections";

afterAll(async () => {
  await disconnectRedis();
  await closeConnections();
});
afterEach(() => vi.useRealTimers());

const PASSWORD = "right horse battery";

async function newUser() {
  const email = `signin-${randomUUID().slice(0, 8)}@test.local`;
  await db().user.create({ data: { email, passwordHash: await hashPassword(PASSWORD) } });
  return email;
}
const address = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 4)}`;
const attempt = (email: string, password: string, from: string) =>
  authorizeCredentials({ email, password }, from).catch((e: unknown) => e);

/** Moves Date.now() forward by ms from its current (possibly already moved) value; timers stay real. */
function advance(ms: number) {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + ms });
}

describe("sign-in throttle", () => {
  it("delays after 3 failures, grows the delay, locks at 10, and then refuses even the right password", async () => {
    const email = await newUser();
    const from = address();
    for (let i = 0; i < 3; i++) expect(await attempt(email, `wrong ${i}`, from)).toBeNull();
    const waiting = await attempt(email, PASSWORD, from);
    expect(waiting).toBeInstanceOf(SignInThrottled);
    expect((waiting as SignInThrottled).retryAfterSeconds).toBe(1);
    let delays: number[] = [];
    for (let i = 3; i < 10; i++) {
      advance(61_000); // past each growing delay (at most 60 s)
      expect(await attempt(email, `wrong ${i}`, address())).toBeNull();
      const next = await attempt(email, PASSWORD, address());
      expect(next).toBeInstanceOf(SignInThrottled);
      delays = [...delays, (next as SignInThrottled).retryAfterSeconds];
    }
    expect(delays.slice(0, 5)).toEqual([2, 4, 8, 16, 32]);
    expect(delays.at(-1)).toBeGreaterThan(800); // locked for SIGNIN_LOCK_MINUTES (15)
    advance(16 * 60_000);
    expect(await attempt(email, PASSWORD, address())).toMatchObject({ email });
  });

  it("a success clears the account's count", async () => {
    const email = await newUser();
    for (let i = 0; i < 2; i++) expect(await attempt(email, "wrong", address())).toBeNull();
    expect(await attempt(email, PASSWORD, address())).toMatchObject({ email });
    for (let i = 0; i < 2; i++) expect(await attempt(email, "wrong", address())).toBeNull();
    expect(await attempt(email, PASSWORD, address())).toMatchObject({ email });
  });

  it("counts parallel guesses: at most 3 of 20 concurrent ones reach the password check", async () => {
    const email = await newUser();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(email, `guess ${i}`, address())));
    expect(results.filter((r) => r === null)).toHaveLength(3);
    expect(results.filter((r) => r instanceof SignInThrottled)).toHaveLength(17);
  });

  it("locks a client address that tries many accounts (SIGNIN_ADDRESS_LOCK_AFTER = 6 here)", async () => {
    const from = address();
    const outcomes = [];
    for (let i = 0; i < 8; i++) {
      advance(61_000); // past each growing delay, long before the lock ends
      outcomes.push(await attempt(`nobody-${randomUUID()}@test.local`, "wrong password", from));
    }
    expect(outcomes.slice(0, 3)).toEqual([null, null, null]);
    expect(outcomes.slice(6).every((o) => o instanceof SignInThrottled)).toBe(true);
    const email = await newUser();
    expect(await attempt(email, PASSWORD, from)).toBeInstanceOf(SignInThrottled);
    expect(await attempt(email, PASSWORD, address())).toMatchObject({ email });
  });

  it("answers an unknown account like a wrong password, in the same time (a dummy Argon2 verification)", async () => {
    const email = await newUser();
    await attempt(`warm-${randomUUID()}@test.local`, "warm up", address());
    const time = async (who: string) => {
      const t = performance.now();
      expect(await attempt(who, "not the password", address())).toBeNull();
      return performance.now() - t;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(await time(email));
      unknown.push(await time(`nobody-${randomUUID()}@test.local`));
      advance(61_000 * (i + 1) * 20); // past the account's growing delay
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknown) / median(known);
    // Without the dummy verification the ratio is ~0.01 (a lookup against an Argon2 hash); the bounds are
    // wide because this 2-core machine is shared.
    const timings = `unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`;
    expect(ratio, timings).toBeGreaterThan(0.25);
    expect(ratio, timings).toBeLessThan(4);
  });
});
