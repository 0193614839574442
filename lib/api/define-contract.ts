import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";
import type { ApiKeyScope } from "@/lib/db/generated/enums";
import type { ErrorCode } from "@/lib/errors";
import type { Env } from "@/lib/env";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Env settings that hold a per-minute request budget. */
type RateLimitSetting = {
  [K in keyof Env]: Env[K] extends number ? (K extends `${string}RATE_LIMIT${string}` ? K : never) : never;
}[keyof Env];

/** Who may call a route; declared once, read by the wrapper, the OpenAPI document and the security suites. */
export type RouteAuth =
  | {
      kind: "apiKey";
      scope: ApiKeyScope;
      /** A second scope that is also enough (the limits check: ingest or read). */
      orScope?: ApiKeyScope;
      /**
       * The hot path (the limits check): the key comes from the per-process cache that hears
       * revocations, and the handler counts the rate limit in its own Redis round trip.
       */
      fastPath?: true;
    }
  | { kind: "session"; permission: Permission }
  | { kind: "user" }
  | { kind: "public"; rateLimit?: RateLimitSetting };

/**
 * One route: method, path (OpenAPI style, `{param}`), who may call it, what it reads and what it
 * answers per status. `errors` documents the error codes the handler itself may raise (the wrapper
 * adds those of authentication and validation).
 */
export type RouteContract = {
  name: string;
  method: HttpMethod;
  path: `/api/${string}`;
  auth: RouteAuth;
  summary: string;
  description: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Largest body accepted (413 beyond, before it is read); 1 MiB unless declared. */
  maxBodyBytes?: number;
  /** false: the handler reads the body itself (e.g. gzip and per-event acceptance); `body` documents it. */
  parseBody?: false;
  responses: { [status: number]: z.ZodType };
  /** The media type of the success response when it is not JSON (e.g. text/csv): the handler returns a Response. */
  produces?: string;
  errors?: Partial<Record<ErrorCode, string>>;
};

export function defineContract<const C extends RouteContract>(contract: C): C {
  return contract;
}

/** `{ org: string; keyId: string }` from "/api/orgs/{org}/api-keys/{keyId}". */
export type PathParams<P extends string> = P extends `${string}{${infer K}}${infer Rest}`
  ? { [key in K | keyof PathParams<Rest>]: string }
  : Record<never, string>;

type SuccessStatus<C extends RouteContract> = Extract<keyof C["responses"], 200 | 201 | 202 | 203 | 204 | 207>;

/** The JSON body of a status as the client receives it. */
export type ResponseOf<C extends RouteContract, S extends keyof C["responses"] = SuccessStatus<C>> = z.output<
  C["responses"][S]
>;
/** The query a client may send (before defaults and transforms). */
export type QueryOf<C extends RouteContract> = C["query"] extends z.ZodType ? z.input<C["query"]> : never;
export type BodyOf<C extends RouteContract> = C["body"] extends z.ZodType ? z.input<C["body"]> : never;

/** What a handler may return where the wire has a string: a Date serialises to its ISO string. */
export type Wire<T> = T extends string
  ? T | Date
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** A response with an explicit status (and headers), for routes that declare more than one. */
export class Reply<S extends number = number, B = unknown> {
  constructor(
    readonly status: S,
    readonly body: B,
    readonly headers: Record<string, string> = {},
  ) {}
}

export function reply<S extends number, B>(status: S, body: B, headers?: Record<string, string>): Reply<S, B> {
  return new Reply(status, body, headers);
}

export type HandlerResult<C extends RouteContract> =
  | (C["produces"] extends string ? Response : never)
  | Wire<z.input<C["responses"][SuccessStatus<C>]>>
  | { [S in keyof C["responses"] & number]: Reply<S, Wire<z.input<C["responses"][S]>>> }[keyof C["responses"] & number];

export type HandlerInput<C extends RouteContract> = {
  req: import("next/server").NextRequest;
  params: PathParams<C["path"]>;
  query: C["query"] extends z.ZodType ? z.output<C["query"]> : undefined;
  body: C["body"] extends z.ZodType ? (C["parseBody"] extends false ? undefined : z.output<C["body"]>) : undefined;
};
