import { describe, expect, it } from "vitest";
import { parseWith } from "./parse";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { findNul } from "./find-nul";

describe("NUL characters", () => {
  it("are found with their path, in values and keys", () => {
    expect(findNul({ a: [{ b: "ok" }, { c: "x\u0000" }] })).toBe("a[1].c");
    expect(findNul({ "k\u0000": 1 })).toBe("k\u0000");
    expect(findNul({ a: "fine", b: [1, 2] })).toBeNull();
    expect(findNul({ a: "ok", b: "x\u0000" })).toBe("b");
    expect(findNul(["ok", "x\u0000"])).toBe("[1]");
    expect(findNul("x\u0000")).toBe("body");
    expect(findNul(null)).toBeNull();
    expect(findNul({ a: null, b: [null, 3, true] })).toBeNull();
  });
  it("make parseWith answer a 400 naming the field", () => {
    const err = (() => {
      try {
        parseWith(z.object({ name: z.string() }), { name: "a\u0000b" });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).issues[0]!.path).toBe("name");
  });
});
