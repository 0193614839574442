import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { CLIENT_ADDRESS_HEADER } from "@/lib/net/client-address";
import { authorizeCredentials } from "./authorize";
import { endAllSessions, sessionVersionOf } from "./session-version";

/** A session ends after this long without a request that renews it (sliding)… */
export const SESSION_IDLE_SECONDS = 8 * 3600;
/** …and in any case this long after the password was typed. */
export const SESSION_ABSOLUTE_SECONDS = 7 * 24 * 3600;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        return authorizeCredentials(raw, headers[CLIENT_ADDRESS_HEADER] ?? "unknown");
      },
    }),
  ],
  callbacks: {
    // Every use of a session passes here: a token from before the user's last sign-out-everywhere, password
    // change or removal (another session version), or older than the absolute lifetime, is refused, and
    // next-auth clears its cookie.
    async jwt({ token, user }) {
      const now = Math.floor(Date.now() / 1000);
      if (user) {
        const u = user as { id: string; sessionVersion?: number };
        return { ...token, uid: u.id, sv: u.sessionVersion ?? 0, authAt: now };
      }
      if (typeof token.uid !== "string" || typeof token.authAt !== "number") throw new Error("session without a user");
      if (now - token.authAt > SESSION_ABSOLUTE_SECONDS) throw new Error("session past its absolute lifetime");
      // Postgres unreachable: the session is not ended by an outage (every page and route answers
      // "unavailable" meanwhile); it is checked again on the next request.
      const version = await sessionVersionOf(token.uid).catch((err: unknown) => {
        if (isDatabaseUnavailable(err)) return token.sv;
        throw err;
      });
      if (version !== token.sv) throw new Error("session ended");
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") (session.user as { id?: string }).id = token.uid;
      return session;
    },
  },
  events: {
    // Signing out ends every session of the account: a copied cookie dies with the one signed out.
    async signOut({ token }) {
      if (typeof token?.uid === "string") await endAllSessions(token.uid).catch(() => undefined);
    },
  },
  logger: {
    // A refused session is an expected event, not an error with a stack.
    error(code, metadata) {
      if (code === "JWT_SESSION_ERROR") return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
  },
};
