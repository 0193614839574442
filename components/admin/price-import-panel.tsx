"use client";

import { Button, Card } from "@tremor/react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import { apiUrl } from "@/lib/client/api-url";
import { FormError } from "@/components/ui/form-error";
import { ImportDiffView, type Diff } from "./import-diff-view";

type Result = { applied: boolean; diff: Diff; importId?: string; repriceJobs?: number };
type Format = "litellm" | "catalog" | "csv";

export function PriceImportPanel() {
  const [content, setContent] = useState("");
  const [format, setFormat] = useState<Format>("litellm");
  const [replace, setReplace] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const run = useMutation({
    mutationFn: (apply: boolean) =>
      apiFetch<Result>(apiUrl("/api/admin/prices"), {
        method: "POST",
        json: { format, content, replace, apply, confirm },
      }),
  });
  async function onFile(file: File | undefined) {
    if (!file) return;
    const text = await file.text();
    setFormat(file.name.endsWith(".csv") ? "csv" : text.includes('"catalogVersion"') ? "catalog" : "litellm");
    setContent(text);
  }
  const previewed = run.data && !run.data.applied;
  const flagged = previewed ? run.data.diff.issues.length : 0;
  return (
    <div className="space-y-6">
      <Card className="space-y-4">
        <h2 className="font-medium text-tremor-content-strong">Import a file</h2>
        <div className="flex flex-wrap items-center gap-4 text-sm">
          <input
            type="file"
            accept=".json,.csv"
            aria-label="Price file"
            onChange={(e) => onFile(e.target.files?.[0])}
          />
          <select
            aria-label="Format"
            value={format}
            onChange={(e) => setFormat(e.target.value as Format)}
            className="rounded-tremor-small border-tremor-border text-sm"
          >
            <option value="litellm">LiteLLM JSON</option>
            <option value="catalog">Burnrate catalog JSON</option>
            <option value="csv">CSV</option>
          </select>
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> full replacement
            (end models not in the file)
          </label>
        </div>
        <textarea
          aria-label="File content"
          value={content}
          onChange={(e) => setContent(e.target.value)}
          rows={8}
          className="w-full rounded-tremor-default border-tremor-border font-mono text-xs"
          placeholder="…or paste the file here"
        />
        {flagged ? (
          <label className="inline-flex items-center gap-2 text-sm text-amber-900">
            <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> I have checked
            the {flagged} flagged change(s): apply them too
          </label>
        ) : null}
        <FormError message={run.error?.message} />
        <div className="flex gap-2">
          <Button
            variant="secondary"
            loading={run.isPending && run.variables === false}
            onClick={() => run.mutate(false)}
            disabled={!content}
          >
            Preview changes
          </Button>
          <Button
            loading={run.isPending && run.variables === true}
            onClick={() => run.mutate(true)}
            disabled={!previewed || (flagged > 0 && !confirm)}
          >
            Apply
          </Button>
        </div>
      </Card>
      {run.data ? <ImportDiffView diff={run.data.diff} applied={run.data.applied} /> : null}
    </div>
  );
}
