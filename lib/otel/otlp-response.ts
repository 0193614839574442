import type { ErrorCode } from "@/lib/errors";
import type { OtlpEncoding } from "./decode-traces";
import { ExportTraceServiceResponse, RpcStatus } from "./otlp-schema";

export type PartialSuccess = { rejectedSpans: number; errorMessage: string };

export const OTLP_CONTENT_TYPE: Record<OtlpEncoding, string> = {
  protobuf: "application/x-protobuf",
  json: "application/json",
};

/** ExportTraceServiceResponse in the request's encoding; partial_success only when a span was rejected. */
export function encodeExportResponse(encoding: OtlpEncoding, p: PartialSuccess): Uint8Array | string {
  const partial = p.rejectedSpans > 0 ? p : null;
  if (encoding === "json") {
    return JSON.stringify(
      partial
        ? { partialSuccess: { rejectedSpans: String(partial.rejectedSpans), errorMessage: partial.errorMessage } }
        : {},
    );
  }
  const message = partial
    ? { partial_success: { rejected_spans: partial.rejectedSpans, error_message: partial.errorMessage } }
    : {};
  return ExportTraceServiceResponse.encode(ExportTraceServiceResponse.fromObject(message)).finish();
}

/** google.rpc.Code for each error code (the OTLP/HTTP error body is a google.rpc.Status). */
const GRPC_CODE: Record<ErrorCode, number> = {
  invalid_request: 3,
  unauthorized: 16,
  forbidden: 7,
  not_found: 5,
  conflict: 6,
  payload_too_large: 3,
  unsupported_media_type: 3,
  rate_limited: 8,
  internal_error: 13,
  unavailable: 14,
};

/**
 * The error body: a google.rpc.Status in protobuf; in JSON the Status fields (`code`, `message`) beside
 * Burnrate's own error shape (`error`), which OTLP clients ignore and people read.
 */
export function encodeErrorStatus(
  encoding: OtlpEncoding,
  code: ErrorCode,
  body: { error: { message: string } },
): Uint8Array | string {
  const status = { code: GRPC_CODE[code], message: body.error.message };
  if (encoding === "json") return JSON.stringify({ ...status, ...body });
  return RpcStatus.encode(RpcStatus.fromObject(status)).finish();
}
