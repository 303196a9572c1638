// The person's linked organisation accounts under Mijn account (issue #16 item 1, ADR 0025): listed with
// what each provider gave, removable after the same confirmation as the account's other sensitive
// changes (password, or the address typed), never the last way to sign in. Through the built app, with
// the real OpenID provider for the links and for signing in afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/auth/lucia.server";
import { getDb } from "~/db.server";
import { forgetProviders } from "~/modules/identity/providers.server";
import { createUser, lastMailTo, PASSWORD, uniqueEmail } from "../setup/factories";
import { ORIGIN, sessionCookieFrom, startTestServer, type TestServer } from "../setup/http";
import { authorizeAt, startTestIdp } from "../setup/oidc";
import type { TestIdp } from "../setup/oidc-idp";

let idp: TestIdp;
let app: TestServer;

beforeAll(async () => {
  idp = await startTestIdp(ORIGIN);
  forgetProviders();
  app = await startTestServer();
});
afterAll(async () => {
  await app.close();
  await idp.close();
  delete process.env.OIDC_PROVIDERS;
  forgetProviders();
});

const db = () => getDb();

/** Signs in through the app at `slug` as `email` (a new account: made by the provider, no password); the session cookie. */
async function signInThrough(slug: string, email: string): Promise<string | undefined> {
  const start = await app.request(`/inloggen/sso/${slug}`);
  const browser = start.headers
    .getSetCookie()
    .find((c) => c.startsWith("lauwer_sso="))!
    .split(";")[0]!;
  const back = await authorizeAt(start.headers.get("location")!, email);
  return sessionCookieFrom(await app.request(back.pathname + back.search, { headers: { cookie: browser } }));
}

const identitiesOf = (userId: string) =>
  db().selectFrom("user_identity").select(["id", "provider"]).where("user_id", "=", userId).orderBy("provider").execute();

/** A link to a provider for an account, as a sign-in through it leaves one. */
const link = (userId: string, email: string, provider = "test-idp") =>
  db()
    .insertInto("user_identity")
    .values({ user_id: userId, provider, subject: `sub-${provider}-${userId}`, email, organisation: null })
    .returning("id")
    .executeTakeFirstOrThrow()
    .then((r) => r.id);

async function sessionOf(userId: string, authMethod = "password") {
  const { session, cookie } = await createSession(userId, { authMethod });
  return { id: session.id, cookie: cookie.split(";")[0]! };
}

const unlink = (cookie: string, form: Record<string, string>) =>
  app.request(`/account/koppelingen?intent=unlink&ontkoppelen=${form.identity}`, { form, headers: { cookie } });

const audits = (userId: string) =>
  db()
    .selectFrom("audit_log")
    .select(["action", "before"])
    .where("entity_id", "=", userId)
    .where("action", "=", "identity.unlink")
    .execute();

describe("linked organisation accounts", () => {
  it("are listed with the provider's name, the address it gave, when linked and last used; the hub links to them", async () => {
    const email = uniqueEmail("ids-list");
    const cookie = (await signInThrough("test-idp", email))!;
    const hub = await (await app.request("/account", { headers: { cookie } })).text();
    expect(hub).toContain('href="/account/koppelingen"');
    expect(hub).toContain("Gekoppelde organisatie-accounts bekijken of ontkoppelen");
    const page = await app.request("/account/koppelingen", { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Gekoppelde organisatie-accounts");
    expect(html).toContain("<td");
    expect(html).toContain("Test-IdP");
    expect(html).toContain(email);
    expect(html).toContain("Gekoppeld op");
    expect(html).toContain("Laatste keer");
    expect(html).toContain('aria-label="Test-IdP ontkoppelen"');
    // No password yet: the page says so and where to set one.
    expect(html).toContain('href="/wachtwoord-vergeten"');
    // The confirmation step names the provider and asks for the address (no password to ask).
    const user = await db().selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const [identity] = await identitiesOf(user.id);
    const confirm = await (await app.request(`/account/koppelingen?ontkoppelen=${identity!.id}`, { headers: { cookie } })).text();
    expect(confirm).toContain("Test-IdP ontkoppelen");
    expect(confirm).toContain(`Typ je e-mailadres (${email}) ter bevestiging`);
    // The data download lists the link.
    const data = (await (await app.request("/account/mijn-gegevens.json", { headers: { cookie } })).json()) as {
      byAccount: Record<string, Array<{ provider: string; email: string }>>;
    };
    expect(data.byAccount["user_identity.user_id"]).toMatchObject([{ provider: "test-idp", email }]);
  });

  it("refuse removing the last way to sign in (no password, no other link): a clear error, nothing changes", async () => {
    const email = uniqueEmail("ids-last");
    const cookie = (await signInThrough("test-idp", email))!;
    const user = await db().selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const [identity] = await identitiesOf(user.id);
    const res = await unlink(cookie, { identity: identity!.id, confirmEmail: email });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("Je kunt Test-IdP niet ontkoppelen: het is je enige manier om in te loggen");
    expect(html).toContain('href="/wachtwoord-vergeten"');
    expect(await identitiesOf(user.id)).toHaveLength(1);
    expect(await audits(user.id)).toEqual([]);
    // Still signed in, and the provider still signs them in.
    expect((await app.request("/account/koppelingen", { headers: { cookie } })).status).toBe(200);
    expect(await signInThrough("test-idp", email)).toBeDefined();
  });

  it("with a password: confirmed by it (a wrong one changes nothing); the link goes, other sessions through it end, the owner is told", async () => {
    const user = await createUser({ email: uniqueEmail("ids-pw") });
    const identity = await link(user.id, user.email);
    const here = await sessionOf(user.id);
    const elsewhereViaIdp = await sessionOf(user.id, "oidc:test-idp");
    const elsewhereByPassword = await sessionOf(user.id);

    const wrong = await unlink(here.cookie, { identity, password: "not the password at all" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Dit is niet je huidige wachtwoord");
    const empty = await unlink(here.cookie, { identity });
    expect(empty.status).toBe(400);
    expect(await identitiesOf(user.id)).toHaveLength(1);

    const done = await unlink(here.cookie, { identity, password: PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/account/koppelingen?melding=oidc.notice.unlinked");
    expect(await identitiesOf(user.id)).toEqual([]);
    const live = await db().selectFrom("user_session").select("id").where("user_id", "=", user.id).execute();
    expect(live.map((s) => s.id).sort()).toEqual([here.id, elsewhereByPassword.id].sort());
    expect(live.map((s) => s.id)).not.toContain(elsewhereViaIdp.id);
    expect(await audits(user.id)).toMatchObject([{ action: "identity.unlink", before: { provider: "test-idp" } }]);
    const mail = await lastMailTo(user.email);
    expect(mail).toMatchObject({ template: "oidc.unlinked", subject: "Test-IdP is ontkoppeld van je Lauwer-account" });
    const page = await (await app.request(done.headers.get("location")!, { headers: { cookie: here.cookie } })).text();
    expect(page).toContain("Het organisatie-account is ontkoppeld");
  });

  it("without a password but with another link: confirmed by typing the address; then the last one is refused", async () => {
    const email = uniqueEmail("ids-two");
    const cookie = (await signInThrough("test-idp", email))!;
    const user = await db().selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const other = await link(user.id, email, "other-idp");
    const [first] = (await identitiesOf(user.id)).filter((i) => i.provider === "test-idp");

    const mistyped = await unlink(cookie, { identity: first!.id, confirmEmail: "someone@else.nl" });
    expect(mistyped.status).toBe(400);
    expect(await identitiesOf(user.id)).toHaveLength(2);
    expect((await unlink(cookie, { identity: first!.id, confirmEmail: email.toUpperCase() })).status).toBe(303);
    expect(await identitiesOf(user.id)).toEqual([{ id: other, provider: "other-idp" }]);
    expect((await unlink(cookie, { identity: other, confirmEmail: email })).status).toBe(409);
    expect(await identitiesOf(user.id)).toHaveLength(1);

    // Unlinked: the provider no longer signs this account in by itself; the address must confirm a new link.
    const back = await app.request("/inloggen/sso/test-idp");
    const browser = back.headers
      .getSetCookie()
      .find((c) => c.startsWith("lauwer_sso="))!
      .split(";")[0]!;
    const callback = await authorizeAt(back.headers.get("location")!, email);
    const answer = await app.request(callback.pathname + callback.search, { headers: { cookie: browser } });
    expect(answer.status).toBe(200);
    expect(sessionCookieFrom(answer)).toBeUndefined();
    expect(await answer.text()).toContain("Bevestig je e-mailadres");
  });

  it("two removals at once of an account's only two links (no password): one goes, the other is refused", async () => {
    const user = await createUser({ email: uniqueEmail("ids-race") });
    await db().updateTable("app_user").set({ password_hash: null }).where("id", "=", user.id).execute();
    const a = await link(user.id, user.email, "test-idp");
    const b = await link(user.id, user.email, "other-idp");
    const here = await sessionOf(user.id, "oidc:test-idp");
    const results = await Promise.all([
      unlink(here.cookie, { identity: a, confirmEmail: user.email }),
      unlink(here.cookie, { identity: b, confirmEmail: user.email }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(await identitiesOf(user.id)).toHaveLength(1);
  });

  it("someone else's link is not found, and nothing changes", async () => {
    const owner = await createUser({ email: uniqueEmail("ids-owner") });
    const theirs = await link(owner.id, owner.email);
    const intruder = await createUser({ email: uniqueEmail("ids-intruder") });
    const { cookie } = await sessionOf(intruder.id);
    const res = await unlink(cookie, { identity: theirs, password: PASSWORD });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Deze koppeling bestaat niet (meer)");
    expect(await identitiesOf(owner.id)).toHaveLength(1);
    // The confirmation step does not open for it either.
    const page = await (await app.request(`/account/koppelingen?ontkoppelen=${theirs}`, { headers: { cookie } })).text();
    expect(page).not.toContain("Test-IdP ontkoppelen");
  });
});
