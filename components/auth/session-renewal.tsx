"use client";

import { useEffect } from "react";

const EVERY_MS = 10 * 60_000;

/**
 * Sliding sessions: server components read the session without re-issuing its cookie, so while someone
 * uses the app (a page load, the tab coming back into view) this asks next-auth's session endpoint at most
 * every 10 minutes, which re-issues the cookie for another 8 hours. An idle tab renews nothing.
 */
export function SessionRenewal() {
  useEffect(() => {
    let last = 0;
    const renew = () => {
      if (document.visibilityState !== "visible" || Date.now() - last < EVERY_MS) return;
      last = Date.now();
      void fetch("/api/auth/session", { credentials: "same-origin" }).catch(() => undefined);
    };
    renew();
    document.addEventListener("visibilitychange", renew);
    window.addEventListener("focus", renew);
    return () => {
      document.removeEventListener("visibilitychange", renew);
      window.removeEventListener("focus", renew);
    };
  }, []);
  return null;
}
