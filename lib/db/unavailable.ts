/**
 * Whether an error means "Postgres cannot be reached right now" (down, restarting, failing over,
 * out of connections, or this process's pool exhausted for longer than DATABASE_CONNECT_TIMEOUT_MS)
 * rather than a bug: such a request is answered 503 + Retry-After, never a bare 500.
 * `isDatabaseDown` is the subset that says the server itself is gone, not that it is busy.
 */
type Signs = { codes: (c: string) => boolean; kinds: Set<string>; messages: RegExp[] };

const DOWN_SQLSTATES = new Set(["57P01", "57P02", "57P03"]); // admin shutdown, crash shutdown, cannot connect now
const DOWN_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
const DOWN_PRISMA = new Set(["P1001", "P1017"]); // can't reach the server, server closed the connection
const DOWN_MESSAGES = [
  /connection terminated/i,
  /terminating connection/i,
  /connection error and is not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /can't reach database server/i,
  /server closed the connection/i,
];

const DOWN: Signs = {
  codes: (c) => DOWN_SQLSTATES.has(c) || DOWN_ERRNOS.has(c) || DOWN_PRISMA.has(c),
  kinds: new Set(["DatabaseNotReachable", "ConnectionClosed"]),
  messages: DOWN_MESSAGES,
};

// Busy as well as down: too many connections, pool or connect timeouts, connection exceptions (class 08).
const BUSY_SQLSTATES = new Set(["53300", "53400"]);
const BUSY_PRISMA = new Set(["P1002", "P1008", "P2024", "P2037"]);
const UNAVAILABLE: Signs = {
  codes: (c) =>
    DOWN.codes(c) || BUSY_SQLSTATES.has(c) || BUSY_PRISMA.has(c) || c === "ETIMEDOUT" || /^08[0-9A-Z]{3}$/.test(c),
  kinds: new Set([...DOWN.kinds, "SocketTimeout", "TooManyConnections"]),
  messages: [
    ...DOWN_MESSAGES,
    /timeout exceeded when trying to connect/i,
    /too many (clients|connections)/i,
    /Client was closed and is not queryable/i,
  ],
};

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

function shows(err: unknown, signs: Signs): boolean {
  for (const e of chain(err)) {
    for (const c of [e.code, e.originalCode]) if (typeof c === "string" && signs.codes(c)) return true;
    if (typeof e.kind === "string" && signs.kinds.has(e.kind)) return true;
    const message = typeof e.message === "string" ? e.message : "";
    if (signs.messages.some((re) => re.test(message))) return true;
  }
  return false;
}

export const isDatabaseUnavailable = (err: unknown): boolean => shows(err, UNAVAILABLE);

/** Whether Postgres is down (refusing connections, restarting, gone), as opposed to busy. */
export const isDatabaseDown = (err: unknown): boolean => shows(err, DOWN);
