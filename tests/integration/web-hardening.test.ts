import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, grantAdmin, PASSWORD } from "../setup/factories";
import { ORIGIN, sessionCookieFrom, startTestServer, type TestServer } from "../setup/http";
import { signIn } from "../setup/second-factor";

// Issue #15, findings 1, 4, 6 and 7, over HTTP against the built app: redirects never leave the site,
// malformed percent-encoding is a 400, personal answers are never stored by a cache, and the security
// headers are there exactly once.

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

/** Where a browser on this site goes with this Location header: it must stay here. */
function staysOnSite(location: string | null): boolean {
  if (!location) return false;
  return new URL(location, ORIGIN + "/inloggen").origin === ORIGIN;
}

const HOSTILE = [
  "/.//evil.example/phish",
  "/..//evil.example/phish",
  "/%2e//evil.example/phish",
  "/%2e%2e//evil.example",
  "/./\\evil.example",
  "/\\evil.example",
  "//evil.example",
  "/%2f/evil.example",
  "/%5cevil.example",
  "/a/../..//evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
  "/\t/evil.example",
  "/account\r\nSet-Cookie: x=y",
];

async function logIn(email: string, redirectTo?: string, path = "/inloggen") {
  const form: Record<string, string> = { email, password: PASSWORD };
  if (redirectTo !== undefined) form.redirectTo = redirectTo;
  return app.request(path, { form });
}

describe("redirects stay on this site (finding 1)", () => {
  it.each(HOSTILE.map((t) => [JSON.stringify(t), t]))("after login with redirectTo=%s", async (_label, target) => {
    const user = await createUser();
    const res = await logIn(user.email, target);
    expect(res.status).toBe(302);
    const location = res.headers.get("location");
    expect(staysOnSite(location), location ?? "").toBe(true);
    expect(location).toBe("/mijn-lauwer?melding=login.done");
  });

  it("after login goes to a same-site redirectTo", async () => {
    const user = await createUser();
    const res = await logIn(user.email, "/mijn-stemmen?x=1");
    expect(res.headers.get("location")).toBe("/mijn-stemmen?x=1&melding=login.done");
  });

  it.each(HOSTILE.map((t) => [JSON.stringify(t), t]))("after a language switch with returnTo=%s", async (_label, target) => {
    const res = await app.request("/taal", { form: { locale: "en", returnTo: target } });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
  });

  it("the login page's redirectTo from the address bar stays a form value, and the login stays on site", async () => {
    const page = await app.request(`/inloggen?redirectTo=${encodeURIComponent("/.//evil.example/phish")}`);
    expect(page.status).toBe(200);
  });
});

describe("malformed percent-encoding (finding 4)", () => {
  it.each(["/l/%FF", "/prijzen/%E0%A4%A", "/%", "/account/%C0%AF", "/beheer/%ZZ"])("answers %s with a short 400", async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain("Ongeldig adres");
    expect(body).toContain("Invalid address");
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(res.headers.get("content-security-policy")).toBeTruthy();
  });

  it("also for a post, before anything is read", async () => {
    const res = await app.request("/l/%FF", { form: { a: "b" } });
    expect(res.status).toBe(400);
  });
});

describe("the legacy ?_data= data request (found by the authorization matrix)", () => {
  // Lauwer's pages fetch data at <path>.data (single fetch); Remix still answered the older ?_data=<route id>,
  // with a 500 and an error logged for a loader that returns null.
  it.each(["/inloggen?_data=routes/inloggen", "/registreren?_data=routes/registreren", "/?_data=root", "/?_data="])(
    "answers %s with a short 400",
    async (path) => {
      const res = await app.request(path);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("Invalid request");
    },
  );

  it("also for a post, and changes nothing", async () => {
    const res = await app.request("/inloggen?_data=routes/inloggen", { form: { email: "x@lauwer.test", password: "x" } });
    expect(res.status).toBe(400);
  });
});

describe("personal answers are not stored by caches (finding 6)", () => {
  let member: string;
  let admin: string;
  beforeAll(async () => {
    member = sessionCookieFrom(await logIn((await createUser()).email))!;
    const a = await createUser();
    await grantAdmin(a.id);
    admin = await signIn(app, a.email);
    expect(member && admin).toBeTruthy();
  });

  it.each(["/account", "/mijn-stemmen", "/mijn-lauwer", "/mijn-nominaties", "/", "/privacy", "/account.data", "/mijn-stemmen.data"])(
    "signed in: %s is no-store",
    async (path) => {
      const res = await app.request(path, { headers: { cookie: member } });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
    },
  );

  it("signed in: an admin's pages and exports are no-store", async () => {
    for (const path of ["/beheer/rollen", "/beheer/prijzen", "/beheer/audit", "/beheer/audit/auditlog.csv", "/beheer/audit.data"]) {
      const res = await app.request(path, { headers: { cookie: admin } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
      await res.arrayBuffer();
    }
  });

  it("signed in: a file its route declares public keeps that caching; the same for everyone", async () => {
    const res = await app.request("/robots.txt", { headers: { cookie: member } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it("a 403 page is no-store, for a member and for a refused cross-site post", async () => {
    const forbidden = await app.request("/beheer/audit", { headers: { cookie: member } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("cache-control")).toBe("no-store");
    const crossSite = await app.request("/inloggen", { form: { a: "b" }, headers: { origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get("cache-control")).toBe("no-store");
  });

  it("the login answer that sets the session cookie is no-store", async () => {
    const res = await logIn((await createUser()).email);
    expect(sessionCookieFrom(res)).toBeTruthy();
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("anonymous public answers keep their own caching", async () => {
    expect((await app.request("/robots.txt")).headers.get("cache-control")).toBe("public, max-age=3600");
    expect((await app.request("/sitemap.xml")).headers.get("cache-control")).toBe("public, max-age=3600");
    const home = await app.request("/");
    expect(home.status).toBe(200);
    expect(home.headers.get("cache-control") ?? "").not.toContain("no-store");
  });
});

describe("security headers (finding 7)", () => {
  it("every page denies powerful browser features with Permissions-Policy", async () => {
    for (const path of ["/", "/inloggen", "/bestaat-niet", "/robots.txt"]) {
      const policy = (await app.request(path)).headers.get("permissions-policy") ?? "";
      for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(policy, path).toContain(`${feature}=()`);
    }
  });

  it("lets the site's own pages use passkeys (WebAuthn), and no frame", async () => {
    const policy = (await app.request("/inloggen")).headers.get("permissions-policy") ?? "";
    expect(policy).toContain("publickey-credentials-get=(self)");
    expect(policy).toContain("publickey-credentials-create=(self)");
  });

  it("an export says nosniff exactly once", async () => {
    const a = await createUser();
    await grantAdmin(a.id);
    const cookie = await signIn(app, a.email);
    const res = await app.request("/beheer/audit/auditlog.csv", { headers: { cookie } });
    expect(res.status).toBe(200);
    // fetch joins repeated headers with ", ": one value means the header was sent once.
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    await res.arrayBuffer();
  });

  it("a throttled login says when to try again (Retry-After, seconds), with and without JavaScript", async () => {
    const user = await createUser();
    let throttled: Response | undefined;
    for (let i = 0; i < 10 && !throttled; i++) {
      const res = await app.request("/inloggen", { form: { email: user.email, password: "verkeerd wachtwoord 123" } });
      if (res.status === 429) throttled = res;
    }
    expect(throttled?.status).toBe(429);
    expect(throttled!.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    const data = await app.request("/inloggen.data", { form: { email: user.email, password: "verkeerd wachtwoord 123" } });
    expect(data.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
  });
});
