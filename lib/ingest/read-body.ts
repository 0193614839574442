import { createGunzip } from "node:zlib";
import { Readable } from "node:stream";
import { AppError } from "@/lib/errors";

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

function tooLarge(): AppError {
  return new AppError(
    "payload_too_large",
    `Body exceeds ${MAX_BODY_BYTES} bytes (after decompression); send smaller batches`,
    [{ path: "body", message: `larger than ${MAX_BODY_BYTES} bytes` }],
  );
}

/** Reads a stream up to `limit` bytes; leaving the loop early (the 413) cancels the stream. */
async function collect(stream: AsyncIterable<Uint8Array>, limit: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Reads a JSON request body of at most 5 MB, gunzipping it when Content-Encoding says gzip.
 * The limit applies to the decompressed bytes, so a gzip bomb stops at 5 MB with a 413.
 */
export async function readJsonBody(req: Request): Promise<unknown> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("application/json")) {
    throw new AppError("unsupported_media_type", "Content-Type must be application/json", [
      { path: "content-type", message: `expected application/json, got ${type || "nothing"}` },
    ]);
  }
  // Stryker disable next-line StringLiteral: equivalent, Number("") is 0 as well (docs/mutation.md)
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const encoding = (req.headers.get("content-encoding") ?? "identity").toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip") {
    throw new AppError("unsupported_media_type", "Content-Encoding must be gzip or absent", [
      { path: "content-encoding", message: `unsupported: ${encoding}` },
    ]);
  }
  if (!req.body) throw new AppError("invalid_request", "Body is empty", [{ path: "body", message: "empty" }]);
  let bytes: Buffer;
  try {
    // A web ReadableStream is async-iterable in Node; only gzip needs the Node stream adapter.
    const body = req.body as import("node:stream/web").ReadableStream<Uint8Array>;
    bytes = await collect(encoding === "gzip" ? Readable.fromWeb(body).pipe(createGunzip()) : body, MAX_BODY_BYTES);
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (encoding !== "gzip")
      throw new AppError("invalid_request", "Body could not be read", [
        { path: "body", message: "incomplete or aborted" },
      ]);
    throw new AppError("invalid_request", "Body is not valid gzip", [{ path: "body", message: "corrupt gzip stream" }]);
  }
  if (bytes.length === 0) throw new AppError("invalid_request", "Body is empty", [{ path: "body", message: "empty" }]);
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    throw new AppError("invalid_request", "Body is not valid JSON", [
      { path: "body", message: err instanceof Error ? err.message : "malformed JSON" },
    ]);
  }
}
