import { describe, expect, it } from "vitest";
import { passwordWeakness } from "./password-policy";

describe("password policy", () => {
  it("refuses common and breached passwords, whatever their case", () => {
    for (const p of ["12345678", "password", "Password1", "QWERTYUIOP", "iloveyou", "aaaaaaaa", "abababab"]) {
      expect(passwordWeakness(p, "someone@example.com"), p).not.toBeNull();
    }
  });
  it("refuses the email address (or its local part) as the password", () => {
    expect(passwordWeakness("Someone@Example.com", "someone@example.com")).toMatch(/email/);
    expect(passwordWeakness("someone.else", "someone.else@example.com")).toMatch(/email/);
  });
  it("accepts an ordinary passphrase", () => {
    expect(passwordWeakness("correct horse battery", "someone@example.com")).toBeNull();
  });
});
