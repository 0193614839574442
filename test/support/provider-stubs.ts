// Local stand-ins for the OpenAI and Anthropic HTTP APIs, answering as they do (JSON and server-sent events),
// for the real `openai` and `@anthropic-ai/sdk` clients pointed at them with baseURL. The usage each answer
// carries is set by the test.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ProviderStub = {
  url: string;
  /** The usage object of the next answers, in the provider's own shape. */
  usage: Record<string, unknown>;
  /** Fail the next call with this HTTP status (once). */
  failNext: number | null;
  /** Bodies of the calls received. */
  calls: Record<string, unknown>[];
  close(): Promise<void>;
};

const sse = (res: http.ServerResponse, events: [string | null, unknown][]) => {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (const [event, data] of events) {
    res.write(`${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
  }
  res.end();
};

function openai(body: Record<string, unknown>, usage: Record<string, unknown>, res: http.ServerResponse) {
  const model = String(body.model);
  const base = { id: "chatcmpl-stub", created: 1_760_000_000, model };
  if (!body.stream) {
    res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_stub" });
    res.end(
      JSON.stringify({
        ...base,
        object: "chat.completion",
        choices: [
          { index: 0, message: { role: "assistant", content: "Hello" }, finish_reason: "stop", logprobs: null },
        ],
        usage,
      }),
    );
    return;
  }
  const chunk = (delta: object, finish: string | null) => ({
    ...base,
    object: "chat.completion.chunk",
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    usage: null,
  });
  const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage;
  sse(res, [
    [null, chunk({ role: "assistant", content: "Hel" }, null)],
    [null, chunk({ content: "lo" }, null)],
    [null, chunk({}, "stop")],
    ...(includeUsage
      ? [[null, { ...base, object: "chat.completion.chunk", choices: [], usage }] as [null, unknown]]
      : []),
    [null, "[DONE]"],
  ]);
}

function openaiResponses(body: Record<string, unknown>, usage: Record<string, unknown>, res: http.ServerResponse) {
  const response = {
    id: "resp_stub",
    object: "response",
    created_at: 1_760_000_000,
    status: "completed",
    model: String(body.model),
    output: [
      {
        type: "message",
        id: "msg_stub",
        status: "completed",
        role: "assistant",
        content: [{ type: "output_text", text: "Hello", annotations: [] }],
      },
    ],
    usage,
  };
  if (!body.stream) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(response));
    return;
  }
  sse(res, [
    [
      "response.created",
      {
        type: "response.created",
        sequence_number: 0,
        response: { ...response, status: "in_progress", output: [], usage: null },
      },
    ],
    [
      "response.output_text.delta",
      {
        type: "response.output_text.delta",
        sequence_number: 1,
        item_id: "msg_stub",
        output_index: 0,
        content_index: 0,
        delta: "Hello",
      },
    ],
    ["response.completed", { type: "response.completed", sequence_number: 2, response }],
  ]);
}

function anthropic(body: Record<string, unknown>, usage: Record<string, unknown>, res: http.ServerResponse) {
  const model = String(body.model);
  const message = { id: "msg_stub", type: "message", role: "assistant", model, stop_sequence: null };
  if (!body.stream) {
    res.writeHead(200, { "content-type": "application/json", "request-id": "req_stub" });
    res.end(JSON.stringify({ ...message, content: [{ type: "text", text: "Hello" }], stop_reason: "end_turn", usage }));
    return;
  }
  // message_start carries the input side and a first output count; message_delta the final (cumulative) output.
  const { output_tokens, ...start } = usage;
  sse(res, [
    [
      "message_start",
      {
        type: "message_start",
        message: { ...message, content: [], stop_reason: null, usage: { ...start, output_tokens: 1 } },
      },
    ],
    ["content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }],
    ["content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hello" } }],
    ["content_block_stop", { type: "content_block_stop", index: 0 }],
    [
      "message_delta",
      { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens } },
    ],
    ["message_stop", { type: "message_stop" }],
  ]);
}

export async function startProviderStub(kind: "openai" | "anthropic"): Promise<ProviderStub> {
  const stub: ProviderStub = { url: "", usage: {}, failNext: null, calls: [], close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString() || "{}") as Record<string, unknown>;
      stub.calls.push(body);
      if (stub.failNext) {
        const status = stub.failNext;
        stub.failNext = null;
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { type: "invalid_request_error", message: "stub failure" } }));
        return;
      }
      if (kind === "openai" && req.url?.endsWith("/chat/completions")) openai(body, stub.usage, res);
      else if (kind === "openai" && req.url?.endsWith("/responses")) openaiResponses(body, stub.usage, res);
      else if (kind === "anthropic" && req.url?.endsWith("/messages")) anthropic(body, stub.usage, res);
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return stub;
}
