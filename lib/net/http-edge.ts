import http from "node:http";
import { env } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "./client-address";

const INSTALLED = Symbol.for("burnrate.httpEdge");

/** No route takes more (the price import's 8 MB file, JSON-escaped); each route's own limit is lower. */
export const EDGE_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Whether every %-escape of the path decodes (Next.js answers a bare 500 when a route parameter does not). */
export function pathDecodes(url: string): boolean {
  const path = url.split("?")[0] ?? "";
  try {
    for (const segment of path.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

function refuse(res: http.ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    connection: "close",
  });
  res.end(body);
}

/**
 * The HTTP edge of the web process, ahead of Next.js (installed once by instrumentation.ts):
 * - every request carries the resolved client address (socket, or TRUSTED_PROXY_HOPS into
 *   X-Forwarded-For), computed before Next.js adds its own X-Forwarded-For;
 * - a path whose %-escapes do not decode is a 400, a declared body over EDGE_MAX_BODY_BYTES a 413,
 *   before any route runs or any byte of the body is read.
 */
export function installHttpEdge(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const hops = env().TRUSTED_PROXY_HOPS;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      const res = args[1] as http.ServerResponse;
      if (!pathDecodes(req.url ?? "/")) {
        refuse(res, 400, "invalid_request", "Malformed percent-encoding in the path");
        return true;
      }
      if (Number(req.headers["content-length"] ?? 0) > EDGE_MAX_BODY_BYTES) {
        refuse(res, 413, "payload_too_large", `Body exceeds ${EDGE_MAX_BODY_BYTES} bytes`);
        return true;
      }
      req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(
        req.headers["x-forwarded-for"],
        req.socket?.remoteAddress,
        hops,
      );
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}
