import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { sessionFor } from "../setup/voting";

// Anonymous public pages kept per process for a few seconds (ADR 0039), on the real built app against
// the real database. The kept time is set far beyond the test's length, so nothing here depends on the
// clock: what is checked is what is kept, for whom, and that every answer carries its own nonce.

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer({ pageCacheSeconds: 3600 });
});
afterAll(() => app.close());

/** The nonce the response's Content-Security-Policy allows, and every nonce attribute in its page. */
async function nonces(res: Response) {
  const csp = res.headers.get("content-security-policy") ?? "";
  const allowed = /'nonce-([^']+)'/.exec(csp)?.[1];
  const html = await res.text();
  const used = new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]));
  return { allowed, used, html };
}

describe("anonymous public pages", () => {
  it("answers the second visitor from memory, with its own nonce and request id", async () => {
    const first = await app.request("/");
    const second = await app.request("/");
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.headers.get("x-page-cache")).toBe("miss");
    expect(second.headers.get("x-page-cache")).toBe("hit");
    const a = await nonces(first);
    const b = await nonces(second);
    // Every inline script of each page carries the nonce its own header allows, and the two differ.
    expect(a.allowed).toBeTruthy();
    expect([...a.used]).toEqual([a.allowed]);
    expect([...b.used]).toEqual([b.allowed]);
    expect(b.allowed).not.toBe(a.allowed);
    // The request id in the page (shown on an error) is the second request's own.
    const secondId = second.headers.get("x-request-id")!;
    expect(b.html).toContain(secondId);
    expect(b.html).not.toContain(first.headers.get("x-request-id")!);
    // Otherwise the same page.
    expect(b.html.replaceAll(b.allowed!, "N").replaceAll(secondId, "R")).toBe(
      a.html.replaceAll(a.allowed!, "N").replaceAll(first.headers.get("x-request-id")!, "R"),
    );
  });

  it("makes a page once for visitors who ask for it at the same moment", async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => app.request("/toegankelijkheid")));
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(200));
    const kinds = answers.map((r) => r.headers.get("x-page-cache"));
    expect(kinds.filter((k) => k === "miss")).toHaveLength(1);
    expect(kinds.filter((k) => k === "hit")).toHaveLength(11);
    for (const r of answers) {
      const n = await nonces(r);
      expect([...n.used]).toEqual([n.allowed]);
    }
  });

  it("keeps each language apart, and a page's data (client navigation) apart from its document", async () => {
    await app.request("/privacy");
    const en = await app.request("/privacy", { headers: { cookie: "lauwer_lang=en" } });
    expect(en.headers.get("x-page-cache")).toBe("miss");
    expect(await en.text()).toContain('lang="en"');
    expect((await app.request("/privacy", { headers: { cookie: "lauwer_lang=en" } })).headers.get("x-page-cache")).toBe("hit");
    const data = await app.request("/_root.data");
    expect(data.headers.get("content-type")).toMatch(/text\/x-script/);
    expect(data.headers.get("x-page-cache")).toBe("miss");
    expect((await app.request("/_root.data")).headers.get("x-page-cache")).toBe("hit");
  });

  it("never answers a signed-in person from it, nor keeps what they see", async () => {
    await app.request("/");
    const user = await createUser({ name: "Ingelogde Bezoeker" });
    const cookie = await sessionFor(user.id);
    for (let i = 0; i < 2; i++) {
      const res = await app.request("/", { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-page-cache")).toBeNull();
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.text()).toContain("Ingelogde Bezoeker");
    }
    const anonymous = await app.request("/");
    expect(anonymous.headers.get("x-page-cache")).toBe("hit");
    expect(await anonymous.text()).not.toContain("Ingelogde Bezoeker");
  });

  it("keeps no error page and no page outside the public ones", async () => {
    for (let i = 0; i < 2; i++) {
      const missing = await app.request("/prijzen/bestaat-niet-award");
      expect(missing.status).toBe(404);
      expect(missing.headers.get("x-page-cache")).toBeNull();
      const login = await app.request("/inloggen");
      expect(login.status).toBe(200);
      expect(login.headers.get("x-page-cache")).toBeNull();
    }
  });
});
