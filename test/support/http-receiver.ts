import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { at: number; method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
export type Reply = { status: number; body?: string } | "hang";

/**
 * A local HTTP server standing in for Slack and webhook receivers: records every request and
 * answers with `reply` (a status, or "hang" to never answer). `stop()` frees the port, `start()`
 * listens on the same port again (a receiver outage).
 */
export class HttpReceiver {
  readonly requests: Received[] = [];
  reply: Reply = { status: 200, body: "ok" };
  port = 0;
  private server?: http.Server;
  private waiting = new Set<http.ServerResponse>();

  async start(): Promise<this> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        this.requests.push({
          at: Date.now(),
          method: req.method ?? "",
          url: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        });
        if (this.reply === "hang") {
          this.waiting.add(res);
          return;
        }
        res.writeHead(this.reply.status, { "content-type": "text/plain" }).end(this.reply.body ?? "");
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  url(path = "/hook"): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    for (const res of this.waiting) res.destroy();
    this.waiting.clear();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export const startReceiver = () => new HttpReceiver().start();
