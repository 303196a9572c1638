// Signing out of a session that started at an identity provider (issue #16 item 1, ADR 0025): Lauwer's
// session ends first, always; then the browser goes to the provider's end-session endpoint (RP-initiated
// logout 1.0) and comes back to a page that says both are signed out. A provider without that endpoint,
// or one that cannot be reached: signed out of Lauwer, and the page says the provider may still know you.
// Against the real OpenID provider (oidc-provider) of tests/setup/oidc-idp.ts, through the built app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/auth/lucia.server";
import { getDb } from "~/db.server";
import { createUser, grantAdmin, uniqueEmail } from "../setup/factories";
import { ORIGIN, sessionCookieFrom, startTestServer, type TestServer } from "../setup/http";
import { authorizeAt, providerAsksToSignIn, signOutAtProvider, startExtraIdp, startTestIdp, type IdpJar } from "../setup/oidc";
import type { TestIdp } from "../setup/oidc-idp";
import { sessionFor } from "../setup/voting";

let idp: TestIdp;
let plain: TestIdp;
let app: TestServer;

beforeAll(async () => {
  idp = await startTestIdp(ORIGIN);
  plain = await startExtraIdp(ORIGIN);
  app = await startTestServer();
});
afterAll(async () => {
  await app.close();
  await idp.close();
  await plain.close();
  delete process.env.OIDC_PROVIDERS;
});

const ssoCookie = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith("lauwer_sso="))!
    .split(";")[0]!;

/** Signs in through the app as one browser (its provider cookies in `jar`); the Lauwer session cookie. */
async function signIn(slug: string, email: string, jar: IdpJar): Promise<string> {
  const start = await app.request(`/inloggen/sso/${slug}`);
  expect(start.status).toBe(302);
  const callback = await authorizeAt(start.headers.get("location")!, email, "allow", jar);
  const back = await app.request(callback.pathname + callback.search, { headers: { cookie: ssoCookie(start) } });
  expect(back.status).toBe(302);
  return sessionCookieFrom(back)!;
}

const sessionLives = async (cookie: string) =>
  Boolean(await getDb().selectFrom("user_session").select("id").where("id", "=", cookie.split("=")[1]!).executeTakeFirst());

const signOut = (cookie: string) => app.request("/uitloggen", { form: {}, headers: { cookie } });

/** The next "Continue with <provider>" from this browser: does the provider ask who you are? */
async function providerAsks(slug: string, jar: IdpJar): Promise<boolean> {
  const start = await app.request(`/inloggen/sso/${slug}`);
  return providerAsksToSignIn(start.headers.get("location")!, jar);
}

describe("signing out of a provider's session", () => {
  it("ends Lauwer's session, then sends the browser to the provider's end-session endpoint, and back to a page saying both ended", async () => {
    const jar: IdpJar = new Map();
    const cookie = await signIn("test-idp", uniqueEmail("logout"), jar);
    // Signed in at the provider: the next sign-in would not ask.
    expect(await providerAsks("test-idp", jar)).toBe(false);

    const out = await signOut(cookie);
    expect(out.status).toBe(303);
    // Lauwer's session is over before the browser leaves.
    expect(await sessionLives(cookie)).toBe(false);
    expect(out.headers.getSetCookie().some((c) => /^lauwer_session=;/.test(c))).toBe(true);
    const to = new URL(out.headers.get("location")!);
    expect(to.origin + to.pathname).toBe(`${idp.issuer}/session/end`);
    expect(Object.fromEntries(to.searchParams)).toEqual({
      client_id: "lauwer-test",
      post_logout_redirect_uri: `${ORIGIN}/uitgelogd/test-idp`,
      ui_locales: "nl",
    });

    const back = await signOutAtProvider(to.href, jar);
    expect(back.href).toBe(`${ORIGIN}/uitgelogd/test-idp`);
    const page = await app.request(back.pathname);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Je bent uitgelogd bij Lauwer en bij Test-IdP");
    // Signed out at the provider too: the next sign-in asks who you are.
    expect(await providerAsks("test-idp", jar)).toBe(true);
  });

  it("allows the sign-out form to be redirected to the providers' origins (Content-Security-Policy form-action)", async () => {
    const csp = (await app.request("/")).headers.get("content-security-policy")!;
    const formAction = /form-action ([^;]+)/.exec(csp)![1]!.split(" ");
    expect(formAction).toEqual(expect.arrayContaining(["'self'", idp.issuer, plain.issuer]));
  });

  it("a provider without an end-session endpoint: signed out of Lauwer, and the page says the provider may still know you", async () => {
    const jar: IdpJar = new Map();
    const cookie = await signIn("plain-idp", uniqueEmail("logout-plain"), jar);
    const out = await signOut(cookie);
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/uitgelogd/plain-idp?alleen=lauwer");
    expect(await sessionLives(cookie)).toBe(false);
    const html = await (await app.request("/uitgelogd/plain-idp?alleen=lauwer")).text();
    expect(html).toContain("Je bent uitgelogd bij Lauwer");
    expect(html).toContain("Bij Zonder uitloggen ben je misschien nog ingelogd");
    expect(await providerAsks("plain-idp", jar)).toBe(false);
  });

  it("a provider that cannot be reached: signed out of Lauwer all the same", async () => {
    const user = await createUser();
    const { session, cookie } = await createSession(user.id, { authMethod: "oidc:down-idp" });
    const out = await signOut(cookie.split(";")[0]!);
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/uitgelogd/down-idp?alleen=lauwer");
    expect(await sessionLives(`lauwer_session=${session.id}`)).toBe(false);
    const html = await (await app.request("/uitgelogd/down-idp?alleen=lauwer")).text();
    expect(html).toContain("Bij Onbereikbaar ben je misschien nog ingelogd");
  });

  it("a password session signs out as before; an unknown provider's page is not found", async () => {
    const user = await createUser();
    const { cookie } = await createSession(user.id);
    const out = await signOut(cookie.split(";")[0]!);
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/?melding=logout.done");
    expect((await app.request("/uitgelogd/bestaat-niet")).status).toBe(404);
  });
});

describe("the configured providers for platform admins", () => {
  it("lists each provider with its settings (never the secret), the addresses to register, and whether it answers now", async () => {
    const admin = await createUser();
    await grantAdmin(admin.id);
    const cookie = await sessionFor(admin.id);
    const page = await app.request("/beheer/identiteitsproviders", { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Identiteitsproviders");
    expect(html).toContain("OIDC_PROVIDERS");
    const section = (name: string) => html.slice(html.indexOf(`>${name}</h2>`), html.indexOf("</section>", html.indexOf(`>${name}</h2>`)));
    expect(section("Test-IdP")).toContain(idp.issuer);
    expect(section("Test-IdP")).toContain("Ja, de provider antwoordt");
    expect(section("Test-IdP")).toContain(`${ORIGIN}/inloggen/sso/test-idp/terug`);
    expect(section("Test-IdP")).toContain(`${ORIGIN}/uitgelogd/test-idp`);
    expect(section("Alleen Rijk")).toContain("minbzk.nl");
    expect(section("Onbereikbaar")).toContain("Nee, de provider antwoordt nu niet");
    expect(html).not.toContain("lauwer-test-secret");
    // Reachable from the admin's landing page.
    expect(await (await app.request("/mijn-lauwer", { headers: { cookie } })).text()).toContain('href="/beheer/identiteitsproviders"');
    // Not for others.
    const member = await createUser();
    expect((await app.request("/beheer/identiteitsproviders", { headers: { cookie: await sessionFor(member.id) } })).status).toBe(403);
  });
});
