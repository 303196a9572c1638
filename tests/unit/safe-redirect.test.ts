import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/lib/redirect";

// Issue #15, finding 1: only same-site paths may come out of a redirect target, whatever a browser
// would make of it (dot segments, backslashes, encodings, control characters, schemes).

const FALLBACK = "/veilig";

/** How a browser resolves a Location header on this site: it must stay on this site. */
function staysOnSite(location: string): boolean {
  const base = "https://lauwer.example/some/page";
  return new URL(location, base).origin === "https://lauwer.example";
}

const HOSTILE = [
  "/.//evil.example/phish",
  "/..//evil.example/phish",
  "/%2e//evil.example/phish",
  "/%2E//evil.example",
  "/%2e%2e//evil.example",
  "/./\\evil.example",
  "/.\\/evil.example",
  "/\\evil.example",
  "\\/evil.example",
  "\\\\evil.example",
  "//evil.example",
  "///evil.example",
  "////evil.example/phish",
  "/%2f/evil.example",
  "/%2F%2Fevil.example",
  "/%5cevil.example",
  "/%5C%5Cevil.example",
  "/%252f%252fevil.example",
  "/a/../..//evil.example",
  "/a/%2e%2e/%2e%2e//evil.example",
  "https://evil.example/",
  "http:evil.example",
  "https:/evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  " /account",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/\u0000/evil.example",
  "/account\u0000",
  "/account\nSet-Cookie: a=b",
  "/\u007f/evil.example",
  "/\u2028/evil.example",
  "/\u3000/evil.example",
  "/\u00a0//evil.example",
  "evil.example",
  "",
  "#",
  "?x=1",
  "/" + "a".repeat(3000),
];

describe("safeRedirect", () => {
  it.each(HOSTILE.map((t) => [JSON.stringify(t).slice(0, 60), t]))("falls back for %s", (_label, target) => {
    const out = safeRedirect(target, FALLBACK);
    expect(out).toBe(FALLBACK);
  });

  it.each([
    ["/account", "/account"],
    ["/mijn-lauwer", "/mijn-lauwer"],
    ["/prijzen/de-lauwer/2026/ronde/1/beste?x=1#stem", "/prijzen/de-lauwer/2026/ronde/1/beste?x=1#stem"],
    ["/prijzen/caf%C3%A9", "/prijzen/caf%C3%A9"],
    ["/prijzen/café", "/prijzen/caf%C3%A9"],
    ["/beheer/prijzen?q=a//b", "/beheer/prijzen?q=a//b"],
    ["/a/./b/../c", "/a/c"],
    ["/", "/"],
  ])("keeps the same-site path %s", (target, expected) => {
    expect(safeRedirect(target, FALLBACK)).toBe(expected);
  });

  it("never yields a target a browser would follow off-site, for any mix of tricky pieces", () => {
    const pieces = ["/", "//", "\\", ".", "..", "%2e", "%2f", "%5c", "%09", "evil.example", "%00", "\t", "@", ":", "?", "#", "%"];
    let checked = 0;
    for (const a of pieces)
      for (const b of pieces)
        for (const c of pieces) {
          const out = safeRedirect(`/${a}${b}${c}`, FALLBACK);
          expect(out.startsWith("/") && !out.startsWith("//") && !out.startsWith("/\\"), `/${a}${b}${c} → ${out}`).toBe(true);
          expect(staysOnSite(out), `/${a}${b}${c} → ${out}`).toBe(true);
          expect([...out].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f || ch === "\\")).toBe(false);
          checked++;
        }
    expect(checked).toBe(pieces.length ** 3);
  });

  it("uses the fallback for null and undefined", () => {
    expect(safeRedirect(null, FALLBACK)).toBe(FALLBACK);
    expect(safeRedirect(undefined, FALLBACK)).toBe(FALLBACK);
  });
});
