// A vote round limited to identity providers on "Mijn Lauwer" and the ballot page (issue #16 item 1,
// ADR 0025): the list asks the ballot statement's own rule (one rule), so a session signed in through an
// allowed provider sees the round to vote in; a session that did not gets the round with a button to
// sign in through the provider — which, from a signed-in session too, comes back to the ballot with a
// session that may vote. Against the real OpenID provider, through the built app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/auth/lucia.server";
import { getDb } from "~/db.server";
import { listOpenVotes } from "~/modules/home/open-work.server";
import { forgetProviders } from "~/modules/identity/providers.server";
import { createUser, uniqueEmail } from "../setup/factories";
import { ORIGIN, sessionCookieFrom, startTestServer, type TestServer } from "../setup/http";
import { authorizeAt, startTestIdp, type IdpJar } from "../setup/oidc";
import type { TestIdp } from "../setup/oidc-idp";
import { createVoteRound, type VoteRound } from "../setup/voting";

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

async function personWith(authMethod: string, organisation?: string | null) {
  const user = await createUser();
  if (organisation !== undefined)
    await getDb()
      .insertInto("user_identity")
      .values({ user_id: user.id, provider: "test-idp", subject: `sub-${user.id}`, email: user.email, organisation })
      .execute();
  const { session, cookie } = await createSession(user.id, { authMethod });
  return { user, cookie: cookie.split(";")[0]!, person: { id: user.id, email: user.email, session: { id: session.id, authMethod } } };
}

const ballotOf = (r: VoteRound) => `${r.base}/${r.categories[0]!.slug}`;
const entryFor = async (r: VoteRound, person: Awaited<ReturnType<typeof personWith>>["person"]) =>
  (await listOpenVotes(getDb(), person, "nl")).find((v) => v.href.startsWith(r.base));

describe("rounds limited to identity providers on Mijn Lauwer", () => {
  it("offer the vote to a session signed in through an allowed provider, and a sign-in button to the others", async () => {
    const r = await createVoteRound({ categories: 1, eligibility: "providers", providers: ["test-idp"] });
    const viaIdp = await personWith("oidc:test-idp");
    const password = await personWith("password");
    const other = await personWith("oidc:other-idp");

    expect(await entryFor(r, viaIdp.person)).toMatchObject({ href: ballotOf(r), signInWith: [] });
    for (const p of [password, other])
      expect(await entryFor(r, p.person)).toMatchObject({ href: ballotOf(r), signInWith: [{ slug: "test-idp", name: "Test-IdP" }] });

    const mine = async (cookie: string) => (await app.request("/mijn-lauwer", { headers: { cookie } })).text();
    const allowed = await mine(viaIdp.cookie);
    expect(allowed).toContain(`href="${ballotOf(r)}"`);
    expect(allowed).not.toContain("Log in met Test-IdP om te stemmen");
    const hinted = await mine(password.cookie);
    expect(hinted).toContain("In deze ronde stemmen alleen mensen die zijn ingelogd met Test-IdP.");
    expect(hinted).toContain("Log in met Test-IdP om te stemmen");
    expect(hinted).toContain(`href="/inloggen/sso/test-idp?redirectTo=${encodeURIComponent(ballotOf(r))}"`);

    // The ballot page says the same, with the same button.
    const ballot = await (await app.request(ballotOf(r), { headers: { cookie: password.cookie } })).text();
    expect(ballot).toContain("Log in met Test-IdP om te stemmen");
  });

  it("limited to organisations too: the provider's own session outside them gets nothing, inside them the vote", async () => {
    const r = await createVoteRound({
      categories: 1,
      eligibility: "providers",
      providers: ["test-idp"],
      organisations: ["Ministerie van BZK"],
    });
    const bzk = await personWith("oidc:test-idp", "Ministerie van BZK");
    const gemeente = await personWith("oidc:test-idp", "Gemeente Utrecht");
    const unknown = await personWith("password");
    expect(await entryFor(r, bzk.person)).toMatchObject({ signInWith: [] });
    // Signing in again would not change the organisation the provider names.
    expect(await entryFor(r, gemeente.person)).toBeUndefined();
    // Not signed in through it: the provider may well name one of the organisations.
    expect(await entryFor(r, unknown.person)).toMatchObject({ signInWith: [{ slug: "test-idp" }] });
  });

  it("an unconfirmed account is offered nothing; a round naming no configured provider offers no button", async () => {
    const r = await createVoteRound({ categories: 1, eligibility: "providers", providers: ["test-idp"] });
    const unconfirmed = await createUser({ verified: false });
    expect(
      (await listOpenVotes(getDb(), { id: unconfirmed.id, email: unconfirmed.email, session: null }, "nl")).find((v) =>
        v.href.startsWith(r.base),
      ),
    ).toBeUndefined();
    const gone = await createVoteRound({ categories: 1, eligibility: "providers", providers: ["no-longer-configured"] });
    expect(await entryFor(gone, (await personWith("password")).person)).toBeUndefined();
  });

  it("the button signs a signed-in person in through the provider, back to the ballot, with a session that may vote", async () => {
    const r = await createVoteRound({ categories: 1, eligibility: "providers", providers: ["test-idp"] });
    const jar: IdpJar = new Map();
    const email = uniqueEmail("vote-via-idp");
    // An account made through the provider earlier, signed in now some other way (a password session).
    const first = await app.request("/inloggen/sso/test-idp");
    const firstBrowser = first.headers
      .getSetCookie()
      .find((c) => c.startsWith("lauwer_sso="))!
      .split(";")[0]!;
    const firstBack = await authorizeAt(first.headers.get("location")!, email, "allow", jar);
    expect((await app.request(firstBack.pathname + firstBack.search, { headers: { cookie: firstBrowser } })).status).toBe(302);
    const account = await getDb().selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const { cookie: passwordCookie } = await createSession(account.id);
    const signedIn = passwordCookie.split(";")[0]!;

    const start = await app.request(`/inloggen/sso/test-idp?redirectTo=${encodeURIComponent(ballotOf(r))}`, {
      headers: { cookie: signedIn },
    });
    expect(start.status).toBe(302);
    const browser = start.headers
      .getSetCookie()
      .find((c) => c.startsWith("lauwer_sso="))!
      .split(";")[0]!;
    const back = await authorizeAt(start.headers.get("location")!, email, "allow", jar);
    const done = await app.request(back.pathname + back.search, { headers: { cookie: `${signedIn}; ${browser}` } });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(`${ballotOf(r)}?melding=login.done`);
    const fresh = sessionCookieFrom(done)!;
    // The new session replaced the old one.
    const old = await getDb().selectFrom("user_session").select("id").where("id", "=", signedIn.split("=")[1]!).executeTakeFirst();
    expect(old).toBeUndefined();
    const mine = await (await app.request("/mijn-lauwer", { headers: { cookie: fresh } })).text();
    expect(mine).toContain(`href="${ballotOf(r)}"`);
    expect(mine).not.toContain("Log in met Test-IdP om te stemmen");
  });
});
