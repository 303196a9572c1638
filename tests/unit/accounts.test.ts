import { describe, expect, it } from "vitest";
import { hashPassword, isCommonPassword, verifyPassword } from "~/auth/password.server";
import { LoginSchema, safeRedirect, SignupSchema } from "~/modules/accounts/account.schema";

describe("password policy (OWASP ASVS 2.1)", () => {
  const valid = { name: "Anna", email: "anna@example.nl", password: "x" };
  const errorOf = (password: string) => {
    const r = SignupSchema.safeParse({ ...valid, password });
    return r.success ? null : r.error.issues.find((i) => i.path[0] === "password")?.message;
  };

  it("needs at least 12 and at most 128 characters, counted as Unicode code points", () => {
    expect(errorOf("a".repeat(11))).toBe("errors.passwordTooShort");
    expect(errorOf("a".repeat(12))).toBeNull();
    expect(errorOf("a".repeat(128))).toBeNull();
    expect(errorOf("a".repeat(129))).toBe("errors.passwordTooLong");
    // 12 emoji are 24 UTF-16 units but 12 characters.
    expect(errorOf("😀".repeat(12))).toBeNull();
    expect(errorOf("😀".repeat(11))).toBe("errors.passwordTooShort");
    expect(errorOf("")).toBe("errors.required");
  });

  it("has no composition rules: spaces and only lower case are fine", () => {
    expect(errorOf("dit is een prima zin")).toBeNull();
  });

  it("rejects the most common breached passwords, regardless of case", () => {
    expect(isCommonPassword("passwordpassword")).toBe(true);
    expect(isCommonPassword("PasswordPassword")).toBe(true);
    expect(isCommonPassword("123456789012")).toBe(true);
    expect(isCommonPassword("fietsen langs de vecht in mei")).toBe(false);
  });

  it("hashes with argon2id and verifies normalised Unicode", async () => {
    const hash = await hashPassword("Cafe\u0301 au lait!!");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "Café au lait!!")).toBe(true); // composed é equals e + combining accent
    expect(await verifyPassword(hash, "Cafe au lait!!")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });
});

describe("account schemas", () => {
  it("trims and lower-cases email addresses", () => {
    const r = LoginSchema.safeParse({ email: "  Anna@Example.NL ", password: "x" });
    expect(r.success && r.data.email).toBe("anna@example.nl");
  });

  it("rejects invalid email addresses with a translation key", () => {
    const r = LoginSchema.safeParse({ email: "anna@", password: "x" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("errors.email");
  });

  it("defaults the optional organisation to empty", () => {
    const r = SignupSchema.safeParse({ name: " Anna ", email: "a@b.nl", password: "twaalf tekens!" });
    expect(r.success && r.data).toMatchObject({ name: "Anna", organisation: "" });
  });
});

describe("safeRedirect", () => {
  it.each([
    [undefined, "/account"],
    ["", "/account"],
    ["/beheer/rollen?x=1", "/beheer/rollen?x=1"],
    ["//evil.example", "/account"],
    ["/\\evil.example", "/account"],
    ["https://evil.example", "/account"],
    ["javascript:alert(1)", "/account"],
    ["/\t/evil.example", "/account"], // browsers drop tabs: this is //evil.example
    ["/\n/evil.example", "/account"],
    ["/\\evil.example", "/account"],
    ["/prijzen/café?q=€", "/prijzen/caf%C3%A9?q=%E2%82%AC"], // encoded, so always a valid Location header
    ["/a/../beheer", "/beheer"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });
});
