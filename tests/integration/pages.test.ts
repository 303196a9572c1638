import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { startTestServer, type TestServer } from "../setup/http";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

describe("pages and language", () => {
  it.each(["/", "/inloggen", "/registreren", "/wachtwoord-vergeten", "/privacy", "/toegankelijkheid", "/dev/mail"])(
    "serves %s in Dutch by default with lang=nl",
    async (path) => {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<html lang="nl"');
    },
  );

  it("switches to English with the language form, remembers it, and goes back", async () => {
    const res = await app.request("/taal", { form: { locale: "en", returnTo: "/inloggen" } });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/inloggen");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("lauwer_lang="))!;
    expect(cookie).toMatch(/lauwer_lang=en/);
    expect(cookie).toMatch(/Max-Age=31536000/);
    const page = await app.request("/inloggen", { headers: { cookie: cookie.split(";")[0]! } });
    const html = await page.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("<title>Log in — Lauwer</title>");
  });

  it("does not redirect off-site after switching language", async () => {
    const res = await app.request("/taal", { form: { locale: "en", returnTo: "https://evil.example/" } });
    expect(res.headers.get("location")).toBe("/");
  });

  it("ignores an unknown language instead of failing", async () => {
    const res = await app.request("/taal", { form: { locale: "de" } });
    expect(res.status).toBe(302);
    expect(res.headers.getSetCookie().join()).not.toContain("lauwer_lang");
    const page = await app.request("/", { headers: { cookie: "lauwer_lang=de" } });
    expect(await page.text()).toContain('<html lang="nl"');
  });

  it("answers an unknown page with a translated 404", async () => {
    const res = await app.request("/bestaat-niet");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Pagina niet gevonden");
    const post = await app.request("/bestaat-niet", { form: { a: "b" } });
    expect(post.status).toBe(404);
  });

  it("answers a missing dev mail with 404, not 500", async () => {
    expect((await app.request("/dev/mail/999999999")).status).toBe(404);
    expect((await app.request("/dev/mail/abc")).status).toBe(404);
  });

  it("answers malformed bodies and oversized posts with 4xx, never 500", async () => {
    const garbage = await app.request("/inloggen", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x" },
      body: "not multipart",
    });
    expect(garbage.status).toBeGreaterThanOrEqual(400);
    expect(garbage.status).toBeLessThan(500);
    const huge = await app.request("/inloggen", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "a=" + "x".repeat(1_100_000),
    });
    expect(huge.status).toBe(413);
  });

  it("treats a malformed Cookie header or session id as no session, never a 500", async () => {
    for (const cookie of ["x=%E0%A4%A", "lauwer_session=%00", "lauwer_session=" + "a".repeat(5000), "lauwer_session=DROP TABLE"]) {
      const res = await app.request("/account", { headers: { cookie } });
      expect(res.status, cookie.slice(0, 40)).toBe(302);
    }
  });

  it("answers control characters in a field with a translated error and stores nothing", async () => {
    const res = await app.request("/registreren", {
      form: { name: "Nul\u0000Teken", email: "nul@example.nl", password: "een lang genoeg wachtwoord" },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Deze waarde is ongeldig");
    const row = await getDb().selectFrom("app_user").select("id").where("email", "=", "nul@example.nl").executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("refuses a posted body of unknown length", async () => {
    const res = await app.request("/inloggen", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode("email=a%40b.nl"));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(411);
  });

  it("sends security headers and a request id", async () => {
    const res = await app.request("/");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("allows only its own scripts: every inline script carries this response's CSP nonce", async () => {
    const res = await app.request("/");
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    const scripts = [...(await res.text()).matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
    const other = await app.request("/");
    expect(other.headers.get("content-security-policy")).not.toContain(nonce!);
  });

  it("turns an unexpected failure into a friendly, translated 500 page with the request's correlation id", async () => {
    // Break the home page's query for a moment (this worker's own database).
    await sql`alter table award rename to award_hidden`.execute(getDb());
    try {
      const res = await app.request("/");
      expect(res.status).toBe(500);
      const id = res.headers.get("x-request-id")!;
      const html = await res.text();
      expect(html).toContain("Er ging iets mis");
      expect(html).toContain(id);
    } finally {
      await sql`alter table award_hidden rename to award`.execute(getDb());
    }
    expect((await app.request("/")).status).toBe(200);
  });
});
