// The app's route handlers served over real HTTP on a free port, in the test process: clients (the
// OpenTelemetry exporters, the SDK) talk to Burnrate's routes as they would to `next start`, with the run's
// Postgres and Redis behind them, without building the app.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";

type Route = (req: NextRequest, args: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type RouteServer = { url: string; requests: string[]; close(): Promise<void> };

/** `routes`: "METHOD /path" → the exported handler of its app/api route file. */
export async function startRouteServer(routes: Record<string, unknown>): Promise<RouteServer> {
  const requests: string[] = [];
  let base = "";
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", base);
    const key = `${req.method} ${url.pathname}`;
    requests.push(key);
    const route = routes[key] as Route | undefined;
    if (!route) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"code":"not_found"}}');
      return;
    }
    try {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
      }
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new NextRequest(url, {
        method: req.method,
        headers,
        ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
      } as ConstructorParameters<typeof NextRequest>[1]);
      const out = await route(request, { params: Promise.resolve({}) });
      const body = Buffer.from(await out.arrayBuffer());
      const outHeaders: Record<string, string> = {};
      out.headers.forEach((v, k) => {
        outHeaders[k] = v;
      });
      outHeaders["content-length"] = String(body.length);
      res.writeHead(out.status, outHeaders).end(body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    // A moment for the handlers' after-commit work (the rollup enqueue) before the caller closes Redis.
    close: async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/**
 * A proxy in front of `target` that answers the next requests itself as `plan` says (a status and headers,
 * e.g. 503 or 429 with Retry-After; "forward-then-fail" forwards the request but answers 503, as a response
 * lost on the way back), then forwards everything. Records each request's method, path and headers.
 */
export type Fault = { status: number; headers?: Record<string, string> } | "forward-then-fail";
export async function startFaultyProxy(target: string, plan: Fault[] = []) {
  const seen: { path: string; headers: http.IncomingHttpHeaders; at: number }[] = [];
  const faults = [...plan];
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? "", headers: req.headers, at: Date.now() });
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const fault = faults.shift();
      if (fault && fault !== "forward-then-fail") {
        res.writeHead(fault.status, { "content-type": "application/json", ...fault.headers });
        res.end('{"error":{"code":"unavailable","message":"planted fault"}}');
        return;
      }
      const headers = { ...req.headers } as Record<string, string>;
      for (const h of ["host", "connection", "content-length", "keep-alive", "transfer-encoding"]) delete headers[h];
      const forwarded = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers,
        body: req.method === "GET" ? undefined : Buffer.concat(chunks),
      });
      const body = Buffer.from(await forwarded.arrayBuffer());
      if (fault === "forward-then-fail") {
        res.writeHead(503, { "content-type": "application/json" }).end('{"error":{"code":"unavailable"}}');
        return;
      }
      const out: Record<string, string> = {};
      forwarded.headers.forEach((v, k) => {
        if (k !== "content-encoding" && k !== "transfer-encoding") out[k] = v;
      });
      out["content-length"] = String(body.length);
      res.writeHead(forwarded.status, out).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    /** Plan more faults for the next requests. */
    plan: (...more: Fault[]) => faults.push(...more),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
