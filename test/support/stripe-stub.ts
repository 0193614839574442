import http from "node:http";
import type { AddressInfo } from "node:net";

type Obj = Record<string, unknown> & { id: string };
export type StubRequest = {
  method: string;
  path: string;
  idempotencyKey: string | null;
  params: Record<string, unknown>;
};

/** Form-encoded Stripe parameters (a[b]=c) as nested objects. */
function parseForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node = out;
    for (const p of path.slice(0, -1)) {
      node[p] ??= {};
      node = node[p] as Record<string, unknown>;
    }
    node[path[path.length - 1]!] = value;
  }
  return out;
}

/**
 * A local stand-in for the part of Stripe's API Burnrate calls (customers, invoices, invoice
 * items, finalize), answered to the real `stripe` SDK: objects are kept in memory, a repeated
 * Idempotency-Key replays the first answer (as Stripe does), and faults can be planted:
 * `failNext(pattern, times)` answers 500 (not to be retried) to the next matching requests, `extraCents` adds an
 * amount Stripe would add on its own (a tax, a stray pending item) to every invoice total.
 */
export class StripeStub {
  readonly requests: StubRequest[] = [];
  readonly customers = new Map<string, Obj>();
  readonly invoices = new Map<string, Obj & { total: number; status: string }>();
  readonly items = new Map<string, Obj & { amount: number; invoice: string }>();
  extraCents = 0;
  private replays = new Map<string, { status: number; body: string }>();
  private faults: { pattern: RegExp; times: number }[] = [];
  private seq = 0;
  private server?: http.Server;
  url = "";

  failNext(pattern: RegExp, times = 1) {
    this.faults.push({ pattern, times });
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://stub");
        const body = Buffer.concat(chunks).toString("utf8");
        const params = req.method === "GET" ? parseForm(url.searchParams.toString()) : parseForm(body);
        const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
        const line = `${req.method} ${url.pathname}`;
        this.requests.push({ method: req.method ?? "", path: url.pathname, idempotencyKey, params });
        const send = (status: number, payload: string, extra: Record<string, string> = {}) =>
          res
            .writeHead(status, { "content-type": "application/json", "request-id": `req_${++this.seq}`, ...extra })
            .end(payload);
        const fault = this.faults.find((f) => f.times > 0 && f.pattern.test(line));
        if (fault) {
          fault.times--;
          // Stripe-Should-Retry: false, so the SDK gives up at once (a run that fails half-way).
          return send(500, JSON.stringify({ error: { type: "api_error", message: "planted fault" } }), {
            "stripe-should-retry": "false",
          });
        }
        const replayKey = idempotencyKey ? `${line} ${idempotencyKey}` : null;
        const replay = replayKey ? this.replays.get(replayKey) : undefined;
        if (replay) return send(replay.status, replay.body);
        const [status, obj] = this.route(req.method ?? "", url.pathname, params);
        const payload = JSON.stringify(obj);
        if (replayKey && status < 500) this.replays.set(replayKey, { status, body: payload });
        send(status, payload);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop() {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private id(prefix: string) {
    return `${prefix}_${(++this.seq).toString().padStart(8, "0")}`;
  }

  invoiceView(inv: Obj & { total: number; status: string }) {
    const lines = [...this.items.values()].filter((i) => i.invoice === inv.id);
    const total = lines.reduce((s, i) => s + i.amount, 0) + this.extraCents;
    return { ...inv, total, amount_due: total, subtotal: total };
  }

  private route(method: string, path: string, p: Record<string, unknown>): [number, unknown] {
    const notFound: [number, unknown] = [404, { error: { type: "invalid_request_error", message: `no such ${path}` } }];
    if (method === "POST" && path === "/v1/customers") {
      const c = {
        id: this.id("cus"),
        object: "customer",
        name: p.name,
        email: p.email ?? null,
        metadata: p.metadata ?? {},
      };
      this.customers.set(c.id, c);
      return [200, c];
    }
    if (method === "POST" && path === "/v1/invoices") {
      const inv = {
        id: this.id("in"),
        object: "invoice",
        customer: p.customer,
        currency: p.currency,
        status: "draft",
        total: 0,
        metadata: p.metadata ?? {},
        collection_method: p.collection_method,
      };
      this.invoices.set(inv.id, inv);
      return [200, this.invoiceView(inv)];
    }
    if (method === "POST" && path === "/v1/invoiceitems") {
      const inv = this.invoices.get(String(p.invoice));
      if (!inv) return notFound;
      if (inv.status !== "draft")
        return [400, { error: { type: "invalid_request_error", message: "invoice is not a draft" } }];
      const it = {
        id: this.id("ii"),
        object: "invoiceitem",
        invoice: inv.id,
        customer: p.customer,
        amount: Number(p.amount),
        currency: p.currency,
        description: p.description,
        metadata: (p.metadata ?? {}) as Record<string, string>,
      };
      this.items.set(it.id, it);
      return [200, it];
    }
    if (method === "GET" && path === "/v1/invoiceitems") {
      const data = [...this.items.values()].filter((i) => i.invoice === p.invoice);
      return [200, { object: "list", url: "/v1/invoiceitems", has_more: false, data }];
    }
    const m = /^\/v1\/invoices\/([^/]+)(\/finalize)?$/.exec(path);
    if (m) {
      const inv = this.invoices.get(m[1]!);
      if (!inv) return notFound;
      if (method === "GET" && !m[2]) return [200, this.invoiceView(inv)];
      if (method === "POST" && m[2]) {
        inv.status = "open";
        return [200, this.invoiceView(inv)];
      }
    }
    return notFound;
  }
}
