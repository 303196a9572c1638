import { describe, expect, it } from "vitest";
import { isHttpsUrl } from "~/modules/book/author.schema";

describe("the author's link to earlier work", () => {
  it("accepts only what the database accepts: lower-case https://, no white space, a host with a dot", () => {
    expect(isHttpsUrl("https://example.org/artikel?id=1")).toBe(true);
    for (const url of ["HTTPS://example.org", "Https://example.org", "https:example.org", "https:\\\\example.org", "https:/example.org"]) {
      expect(isHttpsUrl(url), url).toBe(false);
    }
    expect(isHttpsUrl("https://localhost/a")).toBe(false);
    expect(isHttpsUrl("https://user:pw@example.org")).toBe(false);
    expect(isHttpsUrl("https://example.org/a b")).toBe(false);
    expect(isHttpsUrl(`https://example.org/${"a".repeat(2000)}`)).toBe(false);
  });
});
