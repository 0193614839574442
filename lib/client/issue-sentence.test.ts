import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formSummary, issueSentence } from "./issue-sentence";

// The messages zod really produces (so that a zod upgrade that rewords them fails here, not on screen).
const zodMessage = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error("expected a failure");
  return r.error.issues[0]!.message;
};

describe("validation messages as sentences", () => {
  it.each([
    [zodMessage(z.string().min(1), ""), "This field is required."],
    [zodMessage(z.string(), undefined), "This field is required."],
    [zodMessage(z.string().min(8), "short"), "Use at least 8 characters."],
    [zodMessage(z.string().max(100), "x".repeat(101)), "Use at most 100 characters."],
    [zodMessage(z.number().min(1), 0), "Enter a number of at least 1."],
    [zodMessage(z.number().max(28), 29), "Enter a number of at most 28."],
    [zodMessage(z.array(z.string()).min(1), []), "Choose at least one."],
    [zodMessage(z.array(z.string()).max(3), ["a", "b", "c", "d"]), "Choose at most 3."],
    [zodMessage(z.enum(["a", "b"]), "c"), "Choose one of the options offered."],
    [zodMessage(z.number(), "x"), "Enter a number."],
    [zodMessage(z.strictObject({}), { x: 1 }), "This field is not expected here."],
    ["enter a valid email address", "Enter a valid email address."],
    ["name your organisation", "Name your organisation."],
    ["Already a member.", "Already a member."],
    [
      "is one of the most common passwords; choose another",
      "This is one of the most common passwords; choose another.",
    ],
    ["must not be your email address", "This must not be your email address."],
    ["", "This value is not valid."],
  ])("%s → %s", (message, expected) => {
    expect(issueSentence(message)).toBe(expected);
  });

  it("summarises: a field count, or the message as a sentence", () => {
    expect(formSummary("name: name is required", 1)).toBe("Check the highlighted field.");
    expect(formSummary("x", 3)).toBe("Check the 3 highlighted fields.");
    expect(formSummary("network down", 0)).toBe("Network down.");
  });
});
