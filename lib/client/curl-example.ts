/** Single-quotes a value for a POSIX shell: the example pastes as is, whatever it holds. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A ready-to-paste curl command for a new API key, against the deployment's configured base URL: an
 * event posted with an `ingest` key, else a spend query with a `read` key, else (`admin`) the budgets list.
 */
export function curlExample(baseUrl: string, secret: string, scopes: readonly string[], now = new Date()): string {
  const base = baseUrl.replace(/\/+$/, "");
  const auth = `-H ${shellQuote(`Authorization: Bearer ${secret}`)}`;
  if (scopes.includes("ingest")) {
    const event = {
      eventId: `first-event-${now.getTime()}`,
      timestamp: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
      provider: "openai",
      model: "gpt-4o-mini",
      inputTokens: 1200,
      outputTokens: 350,
      team: "my-team",
      feature: "my-feature",
    };
    return [
      `curl -X POST ${shellQuote(`${base}/api/v1/events`)} \\`,
      `  ${auth} \\`,
      `  -H 'Content-Type: application/json' \\`,
      `  -d ${shellQuote(JSON.stringify({ events: [event] }))}`,
    ].join("\n");
  }
  if (scopes.includes("read")) {
    return [`curl ${shellQuote(`${base}/api/v1/spend?groupBy=team&granularity=day`)} \\`, `  ${auth}`].join("\n");
  }
  return [`curl ${shellQuote(`${base}/api/v1/budgets`)} \\`, `  ${auth}`].join("\n");
}
