"use client";

import { Button, Callout } from "@tremor/react";

/** A secret shown once (an API key, a webhook signing secret), with a copy and a dismiss button. */
export function SecretCallout({
  title,
  secret,
  testId,
  onDismiss,
}: {
  title: string;
  secret: string;
  testId: string;
  onDismiss: () => void;
}) {
  return (
    <Callout title={title} color="emerald" className="mb-4">
      <code
        data-testid={testId}
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
