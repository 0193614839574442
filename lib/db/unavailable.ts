/**
 * Whether an error means "Postgres cannot be reached right now" (down, restarting, failing over,
 * out of connections, or this process's pool exhausted for longer than DATABASE_CONNECT_TIMEOUT_MS)
 * rather than a bug: such a request is answered 503 + Retry-After, never a bare 500.
 */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300", "53400"]); // + class 08 (connection exception)
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
const ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
const MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /terminating connection/i,
  /connection error and is not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /can't reach database server/i,
  /server closed the connection/i,
  /too many (clients|connections)/i,
  /Client was closed and is not queryable/i,
];

function* chain(err: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  const queue = [err];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const o = e as Record<string, unknown>;
    yield o;
    queue.push(o.cause, (o.meta as Record<string, unknown> | undefined)?.driverAdapterError, o.originalError);
    if (Array.isArray(o.errors)) queue.push(...o.errors);
  }
}

export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of chain(err)) {
    const code = typeof e.code === "string" ? e.code : undefined;
    const originalCode = typeof e.originalCode === "string" ? e.originalCode : undefined;
    for (const c of [code, originalCode]) {
      if (!c) continue;
      if (SQLSTATES.has(c) || /^08[0-9A-Z]{3}$/.test(c) || PRISMA_CODES.has(c) || ERRNOS.has(c)) return true;
    }
    const kind = e.kind;
    if (
      kind === "DatabaseNotReachable" ||
      kind === "ConnectionClosed" ||
      kind === "SocketTimeout" ||
      kind === "TooManyConnections"
    )
      return true;
    const message = typeof e.message === "string" ? e.message : "";
    if (MESSAGES.some((re) => re.test(message))) return true;
  }
  return false;
}

// The subset that says the server itself cannot be reached or is going away — not that this process is
// overloaded (pool exhausted, too many connections, a timeout): the limits API's fail mode answers only then.
const DOWN_SQLSTATES = new Set(["57P01", "57P02", "57P03"]);
const DOWN_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "EPIPE"]);
const DOWN_MESSAGES = [
  /connection terminated/i,
  /terminating connection/i,
  /connection error and is not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /can't reach database server/i,
  /server closed the connection/i,
];

/** Whether Postgres is down (refusing connections, restarting, gone), as opposed to busy. */
export function isDatabaseDown(err: unknown): boolean {
  for (const e of chain(err)) {
    const code = typeof e.code === "string" ? e.code : undefined;
    const originalCode = typeof e.originalCode === "string" ? e.originalCode : undefined;
    for (const c of [code, originalCode]) {
      if (!c) continue;
      if (DOWN_SQLSTATES.has(c) || DOWN_ERRNOS.has(c) || c === "P1001" || c === "P1017") return true;
    }
    if (e.kind === "DatabaseNotReachable" || e.kind === "ConnectionClosed") return true;
    const message = typeof e.message === "string" ? e.message : "";
    if (DOWN_MESSAGES.some((re) => re.test(message))) return true;
  }
  return false;
}
