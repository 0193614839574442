type Issue = { provider: string; model: string; check: string; message: string };

/** The changes the sanity checks flag, each with its reason; applying them needs a confirmation. */
export function SanityIssuesList({ issues }: { issues: Issue[] }) {
  if (issues.length === 0) return null;
  return (
    <div className="rounded-tremor-default border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="sanity-issues">
      <p className="font-medium text-amber-900">{issues.length} change(s) need your confirmation:</p>
      <ul className="mt-1 list-disc pl-5 text-amber-900">
        {issues.map((i) => (
          <li key={`${i.provider}/${i.model}/${i.check}/${i.message}`}>
            <span className="font-mono text-xs">
              {i.provider}/{i.model}
            </span>
            : {i.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
