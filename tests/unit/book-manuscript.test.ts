import { describe, expect, it } from "vitest";
import { MANUSCRIPT_MAX, normalizeText, textLength } from "~/modules/book/manuscript.schema";

describe("manuscript text as stored", () => {
  it("unifies line ends and composes letters", () => {
    expect(normalizeText("a\r\nb\rc\n")).toBe("a\nb\nc\n");
    expect(normalizeText("e\u0301")).toBe("é");
  });

  it("counts characters as PostgreSQL does, after normalising (which can make a text longer)", () => {
    expect(textLength("😀a")).toBe(2);
    expect("😀a".length).toBe(3);
    expect(textLength(normalizeText("\uFB2C"))).toBe(3);
    expect(textLength(normalizeText("x\r\n".repeat(MANUSCRIPT_MAX / 2)))).toBe(MANUSCRIPT_MAX);
  });
});
