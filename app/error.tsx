"use client";

import { useRouter } from "next/navigation";
import { startTransition, useCallback } from "react";
import { OutageNotice } from "@/components/ui/outage-notice";

/** Error boundary of every page below the root layout: a database outage reads as one, and recovers. */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const retry = useCallback(
    () =>
      startTransition(() => {
        router.refresh();
        reset();
      }),
    [router, reset],
  );
  return (
    <main className="mx-auto max-w-2xl px-4 py-12">
      <OutageNotice onRecovered={retry} digest={error.digest} />
    </main>
  );
}
