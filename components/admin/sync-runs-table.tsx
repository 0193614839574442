import type { ApiResponse } from "@/lib/client/api-types";
import { formatDateTime } from "@/components/ui/format-date";

type Run = ApiResponse<"admin.priceSync.list">["runs"][number];

const summary = (r: Run) =>
  r.error ??
  (r.diff
    ? `${r.diff.added.length} added, ${r.diff.changed.length} changed, ${r.diff.unchanged} unchanged${r.diff.issues.length ? `, ${r.diff.issues.length} flagged` : ""}`
    : "");

/** The newest sync runs: when, why, what they found and who decided. */
export function SyncRunsTable({ runs }: { runs: Run[] }) {
  // Scrolls inside its card: an error may quote a long URL, "decided by" is an email address.
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="sync-runs">
        <thead className="text-tremor-content-strong">
          <tr>
            <th className="py-1">Started</th>
            <th>Trigger</th>
            <th>Status</th>
            <th>Found</th>
            <th>Decided by</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-tremor-border">
          {runs.map((r) => (
            <tr key={r.id}>
              <td className="py-1 text-xs">{formatDateTime(r.createdAt)}</td>
              <td className="text-xs">{r.trigger}</td>
              <td className="text-xs">{r.status.replace("_", " ")}</td>
              <td className="break-words text-xs">{summary(r)}</td>
              <td className="text-xs">{r.decidedBy ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
