/** Metadata keys that say how Burnrate did something, not what a person did: not shown. */
const INTERNAL_KEYS = new Set(["via", "orgId", "userId", "apiKeyId", "keyHash", "tokenHash", "requestId", "jobId"]);

const LABELS: Record<string, string> = {
  fields: "changed",
  revokedApiKeys: "revoked API keys",
  from: "from",
  to: "to",
  timeZone: "time zone",
};

function show(value: unknown): string {
  if (Array.isArray(value)) return value.map(show).join(", ");
  if (value && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k} ${show(v)}`)
      .join(", ");
  }
  return String(value);
}

/** An audit entry's details for people: `name: prod key · scopes: ingest, read`, no internal ids or JSON. */
export function auditDetails(metadata: unknown): string {
  if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) return "";
  return Object.entries(metadata as Record<string, unknown>)
    .filter(([k, v]) => !INTERNAL_KEYS.has(k) && v !== null && v !== undefined && v !== "")
    .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${LABELS[k] ?? k}: ${show(v)}`)
    .join(" · ");
}

/** `api_key.created` → "API key created". */
export function actionLabel(action: string): string {
  const words = action
    .replace(/^api_key\./, "API key.")
    .replace(/[._]/g, " ")
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
