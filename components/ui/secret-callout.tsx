"use client";

import { Button, Callout } from "@tremor/react";

/** A secret shown once (an API key, a webhook signing secret), with a copy and a dismiss button. */
export function SecretCallout({
  title,
  secret,
  testId,
  onDismiss,
  example,
}: {
  title: string;
  secret: string;
  testId: string;
  onDismiss: () => void;
  /** A ready-to-paste command using the secret (the curl example of a new API key). */
  example?: { label: string; command: string; testId: string };
}) {
  return (
    <Callout title={title} color="emerald" className="mb-4">
      <code
        data-testid={testId}
        className="block break-all rounded bg-tremor-background px-2 py-1 text-sm text-tremor-content-strong"
      >
        {secret}
      </code>
      {example ? (
        <div className="mt-3">
          <p className="text-sm font-medium">{example.label}</p>
          <pre
            data-testid={example.testId}
            className="mt-1 overflow-x-auto rounded bg-tremor-background px-2 py-1 text-xs text-tremor-content-strong"
          >
            {example.command}
          </pre>
          <Button
            size="xs"
            variant="secondary"
            className="mt-1"
            onClick={() => navigator.clipboard?.writeText(example.command)}
          >
            Copy command
          </Button>
        </div>
      ) : null}
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
