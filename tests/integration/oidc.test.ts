// Single sign-on (issue #16 item 1, ADR 0025) against a real OpenID Connect provider (oidc-provider)
// started here: sign-in creates or links accounts; every bad answer (state, nonce, issuer, audience,
// expiry, signature, refused consent, unconfirmed or foreign address) is refused and changes nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { login } from "~/modules/accounts/account.server";
import { forgetProviders } from "~/modules/identity/providers.server";
import { beginSignIn, completeSignIn, confirmLink, type SignedIn } from "~/modules/identity/sso.server";
import type { Outcome } from "~/lib/outcome";
import { createUser, grantAdmin, lastMailTo, linkFrom, PASSWORD, uniqueEmail } from "../setup/factories";
import { sessionCookieFrom, startTestServer, type TestServer } from "../setup/http";
import { authorizeAt, startTestIdp } from "../setup/oidc";
import type { TestIdp } from "../setup/oidc-idp";

const ORIGIN = "http://localhost:3000";
let idp: TestIdp;

beforeAll(async () => {
  idp = await startTestIdp(ORIGIN);
  forgetProviders();
});
afterAll(async () => {
  await idp.close();
  delete process.env.OIDC_PROVIDERS;
  forgetProviders();
});
afterEach(() => {
  idp.tamper = null;
  idp.foreignKey = false;
});

const browserOf = (cookie: string) => /^lauwer_sso=([^;]+)/.exec(cookie)![1]!;

/** The whole round trip as one browser: start, sign in at the provider, come back. */
async function signIn(
  email: string,
  opts: { slug?: string; decision?: "allow" | "deny"; mangle?: (callback: URL) => URL; otherBrowser?: boolean } = {},
): Promise<{ outcome: Outcome<SignedIn>; callback: URL; browser: string }> {
  const slug = opts.slug ?? "test-idp";
  const start = await beginSignIn(getDb(), slug, "/mijn-lauwer");
  if (!start.ok) throw new Error(start.error);
  const auth = new URL(start.value.url);
  expect(auth.searchParams.get("code_challenge_method")).toBe("S256");
  expect(auth.searchParams.get("nonce")).toBeTruthy();
  let callback = await authorizeAt(start.value.url, email, opts.decision);
  if (opts.mangle) callback = opts.mangle(callback);
  const browser = opts.otherBrowser ? "another-browsers-binding-cookie" : browserOf(start.value.cookie);
  const outcome = await completeSignIn(getDb(), { slug, url: callback, browser, locale: "nl" });
  return { outcome, callback, browser };
}

const accountOf = (email: string) => getDb().selectFrom("app_user").selectAll().where("email", "=", email).executeTakeFirst();
const identitiesOf = (userId: string) => getDb().selectFrom("user_identity").selectAll().where("user_id", "=", userId).execute();

describe("single sign-on: accounts", () => {
  it("creates a confirmed account without a password at the first sign-in, and finds it again by the subject", async () => {
    const email = uniqueEmail("sso-new");
    idp.users.set(email, { name: "Anna Ambtenaar", organisation: "Ministerie van BZK" });
    const first = await signIn(email);
    expect(first.outcome).toMatchObject({
      ok: true,
      value: { kind: "session", authMethod: "oidc:test-idp", created: true, secondFactorAt: null },
    });
    const account = await accountOf(email);
    expect(account).toMatchObject({ name: "Anna Ambtenaar", organisation: "Ministerie van BZK", password_hash: null });
    expect(account!.email_verified_at).not.toBeNull();
    expect(await identitiesOf(account!.id)).toMatchObject([{ provider: "test-idp", email, organisation: "Ministerie van BZK" }]);

    const again = await signIn(email);
    expect(again.outcome).toMatchObject({ ok: true, value: { kind: "session", userId: account!.id, created: false } });
    // No password to guess: a password login fails as a wrong password would.
    expect(await login(getDb(), { email, password: PASSWORD }, "10.9.0.1")).toMatchObject({ ok: false, error: "login.failed" });
  });

  it("records a second factor when the provider reports one (amr)", async () => {
    const email = uniqueEmail("sso-mfa");
    idp.users.set(email, { amr: ["pwd", "otp"] });
    const { outcome } = await signIn(email);
    expect(outcome.ok && outcome.value.kind === "session" && outcome.value.secondFactorAt).toBeInstanceOf(Date);
  });

  it("links an existing password account only after its address is proven by the mailed link", async () => {
    const owner = await createUser({ email: uniqueEmail("sso-owner") });
    const { outcome } = await signIn(owner.email);
    // Naming someone's address at a provider signs nobody in to their account.
    expect(outcome).toEqual({ ok: true, value: { kind: "linkSent" } });
    expect(await identitiesOf(owner.id)).toEqual([]);
    const mail = await lastMailTo(owner.email);
    expect(mail?.template).toBe("oidc.link");
    const token = linkFrom(mail!.body_text).searchParams.get("token")!;

    const linked = await confirmLink(getDb(), token);
    expect(linked).toMatchObject({ ok: true, value: { kind: "session", userId: owner.id, authMethod: "oidc:test-idp" } });
    expect(await identitiesOf(owner.id)).toHaveLength(1);
    // Single use.
    expect(await confirmLink(getDb(), token)).toMatchObject({ ok: false, error: "oidc.errors.linkInvalid" });
    // From now on the provider signs the owner in directly; the password still works too.
    expect((await signIn(owner.email)).outcome).toMatchObject({ ok: true, value: { kind: "session", userId: owner.id } });
    expect(await login(getDb(), { email: owner.email, password: PASSWORD }, "10.9.0.2")).toMatchObject({ ok: true, value: owner.id });
  });

  it("does not link when the account's address changed after the link was mailed", async () => {
    const owner = await createUser({ email: uniqueEmail("sso-moved") });
    await signIn(owner.email);
    const token = linkFrom((await lastMailTo(owner.email))!.body_text).searchParams.get("token")!;
    await getDb()
      .updateTable("app_user")
      .set({ email: uniqueEmail("sso-moved-new") })
      .where("id", "=", owner.id)
      .execute();
    expect(await confirmLink(getDb(), token)).toMatchObject({ ok: false, error: "oidc.errors.linkInvalid" });
    expect(await identitiesOf(owner.id)).toEqual([]);
  });
});

describe("single sign-on: refusals", () => {
  /** Refused with this key, and no account was made for the address. */
  async function expectRefused(email: string, run: Promise<{ outcome: Outcome<SignedIn> }>, error: string) {
    const { outcome } = await run;
    expect(outcome).toMatchObject({ ok: false, error });
    expect(await accountOf(email)).toBeUndefined();
  }

  it("refuses a state that is not this sign-in's", async () => {
    const email = uniqueEmail("sso-state");
    await expectRefused(
      email,
      signIn(email, { mangle: (u) => (u.searchParams.set("state", "forged-state-value"), u) }),
      "oidc.errors.state",
    );
  });

  it("refuses a callback opened in another browser than the one that started (login CSRF)", async () => {
    const email = uniqueEmail("sso-csrf");
    await expectRefused(email, signIn(email, { otherBrowser: true }), "oidc.errors.state");
  });

  it("refuses the same callback twice (replay)", async () => {
    const email = uniqueEmail("sso-replay");
    const first = await signIn(email);
    expect(first.outcome.ok).toBe(true);
    const replay = await completeSignIn(getDb(), { slug: "test-idp", url: first.callback, browser: first.browser, locale: "nl" });
    expect(replay).toMatchObject({ ok: false, error: "oidc.errors.state" });
  });

  it("refuses a callback that arrives at another provider's address", async () => {
    const email = uniqueEmail("sso-mixup");
    const start = await beginSignIn(getDb(), "test-idp", "/");
    if (!start.ok) throw new Error(start.error);
    const callback = await authorizeAt(start.value.url, email);
    const outcome = await completeSignIn(getDb(), {
      slug: "other-idp",
      url: callback,
      browser: browserOf(start.value.cookie),
      locale: "nl",
    });
    expect(outcome).toMatchObject({ ok: false, error: "oidc.errors.state" });
  });

  it("says the person refused at the provider", async () => {
    const email = uniqueEmail("sso-deny");
    await expectRefused(email, signIn(email, { decision: "deny" }), "oidc.errors.denied");
  });

  it("refuses an id_token from another issuer", async () => {
    const email = uniqueEmail("sso-iss");
    idp.tamper = (c) => ({ ...c, iss: "https://login.evil.example" });
    await expectRefused(email, signIn(email), "oidc.errors.issuer");
  });

  it("refuses an id_token for another client (audience)", async () => {
    const email = uniqueEmail("sso-aud");
    idp.tamper = (c) => ({ ...c, aud: "someone-else" });
    await expectRefused(email, signIn(email), "oidc.errors.audience");
  });

  it("refuses an id_token with another nonce", async () => {
    const email = uniqueEmail("sso-nonce");
    idp.tamper = (c) => ({ ...c, nonce: "not-the-one-we-sent" });
    await expectRefused(email, signIn(email), "oidc.errors.nonce");
  });

  it("refuses an expired id_token, and one not valid yet beyond the clock tolerance", async () => {
    const now = () => Math.floor(Date.now() / 1000);
    const expired = uniqueEmail("sso-exp");
    idp.tamper = (c) => ({ ...c, iat: now() - 3600, exp: now() - 300 });
    await expectRefused(expired, signIn(expired), "oidc.errors.tokenExpired");
    const early = uniqueEmail("sso-nbf");
    idp.tamper = (c) => ({ ...c, nbf: now() + 600 });
    await expectRefused(early, signIn(early), "oidc.errors.clock");
  });

  it("accepts a token whose expiry is a few seconds past, within the provider's clock tolerance (30 s)", async () => {
    const email = uniqueEmail("sso-skew");
    idp.tamper = (c) => ({ ...c, exp: Math.floor(Date.now() / 1000) - 5 });
    expect((await signIn(email)).outcome).toMatchObject({ ok: true, value: { kind: "session" } });
  });

  it("refuses an id_token signed with a key the provider does not publish", async () => {
    const email = uniqueEmail("sso-sig");
    idp.tamper = (c) => c;
    idp.foreignKey = true;
    await expectRefused(email, signIn(email), "oidc.errors.invalidToken");
  });

  it("refuses an address the provider has not confirmed, and one outside the provider's domains", async () => {
    const unconfirmed = uniqueEmail("sso-unverified");
    idp.users.set(unconfirmed, { email_verified: false });
    await expectRefused(unconfirmed, signIn(unconfirmed), "oidc.errors.emailUnverified");
    const foreign = uniqueEmail("sso-domain");
    await expectRefused(foreign, signIn(foreign, { slug: "restricted" }), "oidc.errors.domain");
    const inside = `sso-${Date.now()}@dept.minbzk.nl`;
    expect((await signIn(inside, { slug: "restricted" })).outcome).toMatchObject({ ok: true, value: { authMethod: "oidc:restricted" } });
  });

  it("refuses a provider that is not configured, and a blocked account", async () => {
    expect(await beginSignIn(getDb(), "nope", "/")).toMatchObject({ ok: false, status: 404, error: "oidc.errors.unknownProvider" });
    const email = uniqueEmail("sso-blocked");
    expect((await signIn(email)).outcome.ok).toBe(true);
    await getDb().updateTable("app_user").set({ blocked_at: new Date(), blocked_reason: "test" }).where("email", "=", email).execute();
    expect((await signIn(email)).outcome).toMatchObject({ ok: false, error: "oidc.errors.blocked" });
  });
});

describe("single sign-on through the app (built server)", () => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startTestServer();
  });
  afterAll(() => app.close());

  const ssoCookie = (res: Response) =>
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith("lauwer_sso="))!
      .split(";")[0]!;

  it("offers the provider on the login page, signs in at the callback, and shows the error page for a replay", async () => {
    const page = await app.request("/inloggen");
    expect(await page.text()).toContain("Verder met Test-IdP");

    const start = await app.request(`/inloggen/sso/test-idp?redirectTo=${encodeURIComponent("/mijn-stemmen")}`);
    expect(start.status).toBe(302);
    const location = start.headers.get("location")!;
    expect(location.startsWith(`${idp.issuer}/auth?`)).toBe(true);
    const browser = ssoCookie(start);
    expect(start.headers.getSetCookie().find((c) => c.startsWith("lauwer_sso="))).toMatch(/HttpOnly; SameSite=Lax/);

    const email = uniqueEmail("sso-http");
    const callback = await authorizeAt(location, email);
    expect(callback.origin + callback.pathname).toBe(`${ORIGIN}/inloggen/sso/test-idp/terug`);
    const back = await app.request(callback.pathname + callback.search, { headers: { cookie: browser } });
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe("/mijn-stemmen?melding=login.done");
    const session = sessionCookieFrom(back)!;
    const row = await getDb()
      .selectFrom("user_session")
      .select(["auth_method", "user_id"])
      .where("id", "=", session.split("=")[1]!)
      .executeTakeFirstOrThrow();
    expect(row.auth_method).toBe("oidc:test-idp");
    expect(row.user_id).toBe((await accountOf(email))!.id);

    const replay = await app.request(callback.pathname + callback.search, { headers: { cookie: browser } });
    expect(replay.status).toBe(400);
    expect(sessionCookieFrom(replay)).toBeUndefined();
    const html = await replay.text();
    expect(html).toContain("Inloggen met je organisatie is niet gelukt");
    expect(html).toContain("hoort niet bij deze browser");
  });

  it("sends a person whose role needs a second factor to the second step, unless the provider reported one", async () => {
    const email = uniqueEmail("sso-admin");
    const signInOverHttp = async () => {
      const start = await app.request(`/inloggen/sso/test-idp?redirectTo=${encodeURIComponent("/beheer")}`);
      const callback = await authorizeAt(start.headers.get("location")!, email);
      return app.request(callback.pathname + callback.search, { headers: { cookie: ssoCookie(start) } });
    };
    // A member without a factor goes straight on.
    idp.users.set(email, { name: "Bea Beheer" });
    expect((await signInOverHttp()).headers.get("location")).toBe("/beheer?melding=login.done");

    await grantAdmin((await accountOf(email))!.id);
    const back = await signInOverHttp();
    expect(back.headers.get("location")).toBe(`/inloggen/tweede-stap?redirectTo=${encodeURIComponent("/beheer")}&melding=login.done`);
    // The session has not passed the second factor: the step page sends a person without one to set it up.
    const step = await app.request(`/inloggen/tweede-stap?redirectTo=${encodeURIComponent("/beheer")}`, {
      headers: { cookie: sessionCookieFrom(back)! },
    });
    expect(step.status).toBe(302);
    expect(step.headers.get("location")).toMatch(/^\/account\/tweestapsverificatie\?redirectTo=%2Fbeheer/);

    // A provider that reports its own second factor (amr) counts as one.
    idp.users.set(email, { name: "Bea Beheer", amr: ["pwd", "otp"] });
    expect((await signInOverHttp()).headers.get("location")).toBe("/beheer?melding=login.done");
  });

  it("shows the error page when the provider cannot be reached, and 404 for an unknown provider", async () => {
    const down = await app.request("/inloggen/sso/down-idp");
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("60");
    expect(await down.text()).toContain("inlogsysteem van je organisatie is nu niet bereikbaar");
    expect((await app.request("/inloggen/sso/bestaat-niet")).status).toBe(404);
  });

  it("links an existing account through the mailed link's page and button", async () => {
    const owner = await createUser({ email: uniqueEmail("sso-http-owner") });
    const start = await app.request("/inloggen/sso/test-idp");
    const callback = await authorizeAt(start.headers.get("location")!, owner.email);
    const back = await app.request(callback.pathname + callback.search, { headers: { cookie: ssoCookie(start) } });
    expect(back.status).toBe(200);
    expect(sessionCookieFrom(back)).toBeUndefined();
    expect(await back.text()).toContain("Bevestig je e-mailadres");

    const link = linkFrom((await lastMailTo(owner.email))!.body_text);
    const shown = await app.request(link.pathname + link.search);
    expect(shown.status).toBe(200);
    expect(await identitiesOf(owner.id)).toEqual([]);
    const confirmed = await app.request(link.pathname, { form: { token: link.searchParams.get("token")! } });
    expect(confirmed.status).toBe(303);
    expect(sessionCookieFrom(confirmed)).toBeDefined();
    expect(await identitiesOf(owner.id)).toHaveLength(1);
    const again = await app.request(link.pathname, { form: { token: link.searchParams.get("token")! } });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("koppellink is ongeldig");
  });
});
