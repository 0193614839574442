// The webhook and channel routes with BURNRATE_ALLOW_PRIVATE_URLS off (the e2e server runs with it on so
// that its specs can use local receivers): a private, loopback or metadata URL is a 400 naming the field,
// through the real route handlers, an admin API key and the real database. Also: the URL a reader sees.
process.env.BURNRATE_ALLOW_PRIVATE_URLS = "false";

import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/apikeys/create-api-key";
import { db } from "@/lib/db";
import { endpointForReader } from "@/lib/webhooks/endpoint-for-reader";
import { POST as createChannel } from "@/app/api/v1/channels/route";
import { PATCH as patchChannel } from "@/app/api/v1/channels/[channelId]/route";
import { POST as createWebhook } from "@/app/api/v1/webhooks/route";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";

afterAll(closeConnections);

type Route = (req: NextRequest, args: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(route: Route, key: string, method: string, path: string, body: unknown, params = {}) {
  const req = new NextRequest(`http://burnrate.test${path}`, {
    method,
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
  });
  const res = await route(req, { params: Promise.resolve(params) });
  return { status: res.status, body: await res.json() };
}

async function adminKey() {
  const org = await newOrg("ssrf-route");
  const key = await createApiKey(org, { name: "admin", scopes: ["admin"] });
  return { org, secret: key.secret };
}

const REFUSED = [
  "http://127.0.0.1/hook",
  "http://169.254.169.254/latest/meta-data",
  "http://localhost:8080/hook", // a host name that resolves to loopback
  "http://10.1.2.3/hook",
  "http://[::1]/hook",
];

describe("webhook and channel routes refuse private URLs", () => {
  it.each(REFUSED)("POST /api/v1/webhooks with %s is a 400 naming url, and nothing is stored", async (url) => {
    const { org, secret } = await adminKey();
    const res = await call(createWebhook as Route, secret, "POST", "/api/v1/webhooks", {
      url,
      events: ["budget.threshold_reached"],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["url"]);
    expect(await db().webhookEndpoint.count({ where: { orgId: org.orgId } })).toBe(0);
  });

  it("a public address is accepted (201 with a whsec_ secret)", async () => {
    const { secret } = await adminKey();
    const res = await call(createWebhook as Route, secret, "POST", "/api/v1/webhooks", {
      url: "https://93.184.215.14/hook",
      events: ["budget.threshold_reached"],
    });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_/);
  });

  it("a Slack channel with a metadata URL is a 400 naming slackWebhookUrl, on create and on update", async () => {
    const { org, secret } = await adminKey();
    const bad = "http://169.254.169.254/services/T0/B0/x";
    const created = await call(createChannel as Route, secret, "POST", "/api/v1/channels", {
      kind: "slack",
      name: "ops",
      slackWebhookUrl: bad,
    });
    expect(created.status).toBe(400);
    expect(created.body.error.issues[0].path).toBe("slackWebhookUrl");
    expect(await db().notificationChannel.count({ where: { orgId: org.orgId } })).toBe(0);

    const ok = await call(createChannel as Route, secret, "POST", "/api/v1/channels", {
      kind: "slack",
      name: "ops",
      slackWebhookUrl: "https://93.184.215.14/services/T0/B0/secret-token",
    });
    expect(ok.status).toBe(201);
    expect(ok.body.slackHost).toBe("93.184.215.14");
    expect(JSON.stringify(ok.body)).not.toContain("secret-token");
    const patched = await call(
      patchChannel as Route,
      secret,
      "PATCH",
      `/api/v1/channels/${ok.body.id}`,
      { slackWebhookUrl: "http://127.0.0.1:9/x" },
      { channelId: ok.body.id },
    );
    expect(patched.status).toBe(400);
    expect(patched.body.error.issues[0].path).toBe("slackWebhookUrl");
  });

  it("a bad field is a 400 naming it", async () => {
    const { secret } = await adminKey();
    const res = await call(createWebhook as Route, secret, "POST", "/api/v1/webhooks", {
      url: "https://93.184.215.14/hook",
      events: ["budget.nope"],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe("events[0]");
  });
});

describe("endpointForReader", () => {
  const view = {
    id: "w",
    url: "https://hooks.example.com/in/tok_123?sig=abc",
    events: [],
    disabled: false,
    disabledAt: null,
    disabledReason: null,
    failingSince: null,
    previousSecretExpiresAt: null,
    createdAt: "2026-01-01T00:00:00.000Z",
  };
  it("shows a reader without org:settings only the origin", () => {
    expect(endpointForReader(view, false).url).toBe("https://hooks.example.com/…");
    expect(endpointForReader(view, true).url).toBe(view.url);
  });
});
