"use client";

import { Callout } from "@tremor/react";
import { useEffect, useState } from "react";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";

type Health = ApiResponse<"health">;

const POLL_MS = 5_000;

/**
 * What a page that failed to render shows: which dependency is down (from GET /api/health), that
 * accepted events are safe, and it retries by itself; when everything answers again it calls
 * `onRecovered` (the error boundary's reset), so the page comes back without a reload.
 */
export function OutageNotice({ onRecovered, digest }: { onRecovered: () => void; digest?: string }) {
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    let stopped = false;
    let wasDown = false;
    const poll = async () => {
      const h = (await fetch(apiUrl("/api/health"), { cache: "no-store" })
        .then((r) => r.json())
        .catch(() => null)) as Health | null;
      if (stopped) return;
      setHealth(h);
      if (h && h.status !== "ok") wasDown = true;
      if (h?.status === "ok" && wasDown) onRecovered();
    };
    void poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [onRecovered]);

  const down = health ? (["postgres", "redis"] as const).filter((k) => health[k] === "down") : [];
  if (down.includes("postgres")) {
    return (
      <Callout title="The database is unavailable" color="amber" role="alert">
        Burnrate cannot reach Postgres right now (it may be restarting). Dashboards come back by themselves when it
        answers again; this page checks every {POLL_MS / 1000} seconds. Events sent to the API meanwhile get 503 with
        Retry-After and should be retried; nothing already accepted is lost.
      </Callout>
    );
  }
  return (
    <Callout title="This page could not be shown" color="rose" role="alert">
      {down.length
        ? `${down.join(", ")} is unavailable; the page retries every ${POLL_MS / 1000} seconds.`
        : "Something went wrong on our side. It has been logged."}
      {digest ? ` (reference ${digest})` : ""}
    </Callout>
  );
}
