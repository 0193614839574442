import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { checkResponse } from "./check-response";
import { defineContract } from "./define-contract";

const settings = vi.hoisted(() => ({ NODE_ENV: "test", BURNRATE_RESPONSE_CHECK: undefined as string | undefined }));
vi.mock("@/lib/env", async (real) => ({ ...(await real<typeof import("@/lib/env")>()), env: () => settings }));

const contract = defineContract({
  name: "test.check",
  method: "GET",
  path: "/api/test-check",
  auth: { kind: "public" },
  summary: "t",
  description: "t",
  responses: { 200: z.object({ id: z.string() }) },
});
let logged: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
});
afterEach(() => {
  logged.mockRestore();
  settings.NODE_ENV = "test";
  settings.BURNRATE_RESPONSE_CHECK = undefined;
});
const thrown = (status: number, body: unknown) => {
  try {
    checkResponse(contract, status, body);
    return null;
  } catch (e) {
    return e as AppError;
  }
};

describe("checkResponse", () => {
  it("under test (strict): a body off its schema or an undeclared status is an internal error, logged", () => {
    expect(thrown(200, { id: "x" })).toBeNull();
    const e = thrown(200, { id: 7 });
    expect(e).toBeInstanceOf(AppError);
    expect([e!.code, e!.message, e!.issues[0]?.path]).toEqual([
      "internal_error",
      "Response of test.check does not match its contract",
      "id",
    ]);
    expect(thrown(299, { id: "x" })?.issues).toEqual([{ path: "status", message: "status 299 is not declared" }]);
    expect(logged).toHaveBeenLastCalledWith(
      { route: "test.check", status: 299, issues: [{ path: "status", message: "status 299 is not declared" }] },
      "response does not match its contract",
    );
  });

  it("in development (warn) only logs; in production (off) does nothing; the setting wins over NODE_ENV", () => {
    settings.NODE_ENV = "development";
    expect(thrown(200, { id: 7 })).toBeNull();
    expect(logged).toHaveBeenCalledTimes(1);
    settings.NODE_ENV = "production";
    expect(thrown(299, { id: 7 })).toBeNull();
    expect(logged).toHaveBeenCalledTimes(1);
    settings.BURNRATE_RESPONSE_CHECK = "strict";
    expect(thrown(200, { id: 7 })).not.toBeNull();
    settings.NODE_ENV = "test";
    settings.BURNRATE_RESPONSE_CHECK = "off";
    expect(thrown(299, { id: 7 })).toBeNull();
    settings.BURNRATE_RESPONSE_CHECK = "warn";
    expect(thrown(299, { id: 7 })).toBeNull();
    expect(logged).toHaveBeenCalledTimes(3);
  });
});
