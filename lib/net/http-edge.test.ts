import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { installHttpEdge } from "./http-edge";

// A plain node:http server, as `next start` runs, with the edge installed the way instrumentation.ts does.
let server: http.Server;
let base: string;
beforeAll(async () => {
  installHttpEdge();
  server = http.createServer((req, res) => res.end(JSON.stringify({ address: req.headers[CLIENT_ADDRESS_HEADER] })));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const send = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", reject);
    req.end();
  });

describe("HTTP edge", () => {
  it("stamps the socket's address, ignoring a forged X-Forwarded-For and a forged stamp", async () => {
    const res = await send("/x", { "x-forwarded-for": "6.6.6.6", [CLIENT_ADDRESS_HEADER]: "7.7.7.7" });
    expect(JSON.parse(res.body).address).toBe("127.0.0.1");
  });
  it("answers a path with a malformed %-escape with 400, not a 500 from deeper down", async () => {
    for (const path of ["/api/invites/%ZZ/accept", "/api/x/%E0%A4%A", "/%"]) {
      const res = await send(path, {}, "POST");
      expect(res.status, path).toBe(400);
      expect(JSON.parse(res.body).error.code).toBe("invalid_request");
    }
    expect((await send("/api/invites/a%20b/accept")).status).toBe(200);
  });
  it("refuses a declared body over 10 MB with 413 before reading it", async () => {
    const res = await send("/api/orgs", { "content-length": String(50 * 1024 * 1024) }, "POST");
    expect(res.status).toBe(413);
  });
});
