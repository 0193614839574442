import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import type { OtlpEncoding } from "@/lib/otel/decode-traces";
import {
  encodeErrorStatus,
  encodeExportResponse,
  OTLP_CONTENT_TYPE,
  type PartialSuccess,
} from "@/lib/otel/otlp-response";
import { otlpEncodingOf, readOtlpBody } from "@/lib/otel/read-otlp-body";
import type { ContractRoute } from "./contract-route";
import { requestIdOf } from "./request-guards";
import { errorResponse } from "./respond";
import { type ApiKeyContext, type ApiKeyContract, authenticateApiKeyRequest } from "./with-api-key";

export type OtlpHandler = (
  ctx: ApiKeyContext,
  input: { req: NextRequest; bytes: Buffer; encoding: OtlpEncoding },
) => Promise<PartialSuccess>;

/** Re-encodes the platform's error response (status and Retry-After kept) as OTLP's google.rpc.Status. */
async function otlpError(err: unknown, encoding: OtlpEncoding, context: Record<string, unknown>): Promise<Response> {
  const platform = errorResponse(err, context);
  const body = (await platform.json()) as { error: { code: AppError["code"]; message: string } };
  const headers = new Headers(platform.headers);
  headers.set("content-type", OTLP_CONTENT_TYPE[encoding]);
  headers.delete("content-length");
  return new Response(encodeErrorStatus(encoding, body.error.code, body) as BodyInit, {
    status: platform.status,
    headers,
  });
}

/**
 * The wrapper for OTLP/HTTP receivers (`/api/otel/v1/*`): the same API-key authentication, scope check and
 * per-key rate limit as withApiKey, but answering as OTLP does: 200 with an Export…ServiceResponse (its
 * `partial_success` when spans were rejected) in the request's encoding, errors as a google.rpc.Status,
 * 429/503 with Retry-After (OTLP exporters retry those).
 */
export function withOtlp<C extends ApiKeyContract>(contract: C, handler: OtlpHandler): ContractRoute<C> {
  const route = async (req: NextRequest): Promise<Response> => {
    const requestId = requestIdOf(req);
    let encoding: OtlpEncoding = "json";
    let res: Response;
    try {
      if (req.method !== contract.method) throw new AppError("invalid_request", `Use ${contract.method}`);
      encoding = otlpEncodingOf(req);
      const ctx = await authenticateApiKeyRequest(req, contract.auth, requestId);
      const bytes = await readOtlpBody(req);
      const partial = await handler(ctx, { req, bytes, encoding });
      res = new Response(encodeExportResponse(encoding, partial) as BodyInit, {
        status: 200,
        headers: { "content-type": OTLP_CONTENT_TYPE[encoding] },
      });
    } catch (err) {
      res = await otlpError(err, encoding, { requestId, route: contract.name });
    }
    res.headers.set("x-request-id", requestId);
    res.headers.set("cache-control", "no-store");
    return res;
  };
  return Object.assign(route, { contract });
}
