"use client";

import { Button, Callout } from "@tremor/react";

/** A secret shown once, with a copy button and a dismiss button. */
export function SecretCallout({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  return (
    <Callout title="Copy this signing secret now: it will not be shown again" color="emerald">
      <code
        data-testid="webhook-secret"
        className="block break-all rounded bg-white px-2 py-1 text-sm text-tremor-content-strong"
      >
        {secret}
      </code>
      <div className="mt-2 flex gap-2">
        <Button size="xs" variant="secondary" onClick={() => navigator.clipboard?.writeText(secret)}>
          Copy
        </Button>
        <Button size="xs" variant="light" onClick={onDismiss}>
          I have stored it
        </Button>
      </div>
    </Callout>
  );
}
