import { Readable } from "node:stream";
import type { ReadableStream } from "node:stream/web";
import { createGunzip } from "node:zlib";
import { AppError } from "@/lib/errors";
import type { OtlpEncoding } from "./decode-traces";

export const OTLP_MAX_BODY_BYTES = 5 * 1024 * 1024;

function tooLarge(): AppError {
  return new AppError("payload_too_large", `Body exceeds ${OTLP_MAX_BODY_BYTES} bytes (after decompression)`, [
    { path: "body", message: `larger than ${OTLP_MAX_BODY_BYTES} bytes; export smaller batches` },
  ]);
}

/** The encoding the Content-Type asks for; anything else is a 415 naming it. */
export function otlpEncodingOf(req: Request): OtlpEncoding {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-protobuf" || type === "application/protobuf") return "protobuf";
  if (type === "application/json") return "json";
  throw new AppError("unsupported_media_type", "Content-Type must be application/x-protobuf or application/json", [
    { path: "content-type", message: `expected application/x-protobuf or application/json, got ${type || "nothing"}` },
  ]);
}

/**
 * The body's bytes, gunzipped when Content-Encoding says gzip; at most 5 MB after decompression (a gzip bomb
 * stops there with a 413).
 */
export async function readOtlpBody(req: Request): Promise<Buffer> {
  if (Number(req.headers.get("content-length") ?? "0") > OTLP_MAX_BODY_BYTES) throw tooLarge();
  const encoding = (req.headers.get("content-encoding") ?? "identity").toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip") {
    throw new AppError("unsupported_media_type", "Content-Encoding must be gzip or absent", [
      { path: "content-encoding", message: `unsupported: ${encoding}` },
    ]);
  }
  if (!req.body) return Buffer.alloc(0);
  const body = req.body as unknown as ReadableStream<Uint8Array>;
  const stream: AsyncIterable<Uint8Array> = encoding === "gzip" ? Readable.fromWeb(body).pipe(createGunzip()) : body;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += chunk.length;
      if (size > OTLP_MAX_BODY_BYTES) throw tooLarge();
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("invalid_request", encoding === "gzip" ? "Body is not valid gzip" : "Body could not be read", [
      { path: "body", message: encoding === "gzip" ? "corrupt gzip stream" : "incomplete or aborted" },
    ]);
  }
  return Buffer.concat(chunks, size);
}
