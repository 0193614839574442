// The next-auth JWT callback, which every use of a session passes through (real Postgres).
import { afterAll, describe, expect, it } from "vitest";
import type { JWT } from "next-auth/jwt";
import { authOptions, SESSION_ABSOLUTE_SECONDS } from "@/lib/auth/options";
import { endAllSessions } from "@/lib/auth/session-version";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";

afterAll(closeConnections);

const jwt = (token: JWT) =>
  (authOptions.callbacks!.jwt as (p: { token: JWT }) => Promise<JWT>)({ token }).then(
    () => "accepted",
    () => "refused",
  );

describe("session check", () => {
  it("refuses a token from before the user's last session-version bump, and one past its absolute lifetime", async () => {
    const org = await newOrg("jwt");
    const uid = (org.actor as { userId: string }).userId;
    const now = Math.floor(Date.now() / 1000);
    expect(await jwt({ uid, sv: 0, authAt: now })).toBe("accepted");
    await endAllSessions(uid);
    expect(await jwt({ uid, sv: 0, authAt: now })).toBe("refused");
    expect(await jwt({ uid, sv: 1, authAt: now })).toBe("accepted");
    expect(await jwt({ uid, sv: 1, authAt: now - SESSION_ABSOLUTE_SECONDS - 1 })).toBe("refused");
    expect(await jwt({ uid: "c000000000000000000000gone", sv: 0, authAt: now })).toBe("refused");
    expect(await jwt({ sub: "legacy" })).toBe("refused"); // a token of before this check
  });
  it("lapses after 8 idle hours (next-auth re-issues the cookie on use)", () => {
    expect(authOptions.session?.maxAge).toBe(8 * 3600);
  });
});
