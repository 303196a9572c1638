// A jury place by e-mail is claimed like a role invitation (issue #16 item 4, ADR 0027): when an account
// with the invited address is verified, or signs in (password or single sign-on), it becomes a juror of
// that edition with the invited categories — by the same claim as a role invitation. The mailed link
// keeps working: a person signed in with another address still accepts there, and the one who already
// has the place is told so. Revoked and expired invitations are never claimed; every claim is audited.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasRole } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { translator } from "~/i18n/i18n";
import { login, signUp, verifyEmail } from "~/modules/accounts/account.server";
import { forgetProviders } from "~/modules/identity/providers.server";
import { beginSignIn, completeSignIn } from "~/modules/identity/sso.server";
import { acceptInvite, inviteJurors } from "~/modules/jury/jury.server";
import { revokeJuryInvite } from "~/modules/teams/teams.server";
import { createUser, lastMailTo, linkFrom, PASSWORD, uniqueEmail } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { createJuryRound, type JuryFixture } from "../setup/jury";
import { authorizeAt, startTestIdp } from "../setup/oidc";
import type { TestIdp } from "../setup/oidc-idp";
import { sessionFor } from "../setup/voting";

const ORIGIN = "http://localhost:3000";
const nl = translator("nl");
let app: TestServer;
let idp: TestIdp;
beforeAll(async () => {
  app = await startTestServer();
  idp = await startTestIdp(ORIGIN);
  forgetProviders();
});
afterAll(async () => {
  await app.close();
  await idp.close();
  delete process.env.OIDC_PROVIDERS;
  forgetProviders();
});

const unescape = (html: string) =>
  html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** Invites one address to the fixture's jury (optionally for some categories) and returns the mailed link. */
async function inviteJuror(f: JuryFixture, email: string, categoryIds: string[] = []) {
  const invited = await inviteJurors(getDb(), { actorId: f.organizer.user.id }, { id: f.editionId, name: "Prijs" }, [email], categoryIds, {
    origin: ORIGIN,
    locale: "nl",
  });
  expect(invited).toEqual({ ok: true, value: 1 });
  const link = linkFrom((await lastMailTo(email))!.body_text);
  return { link, path: link.pathname + link.search, token: link.searchParams.get("token") };
}

/** Signs up through the service; answers the new account and the token of its verification mail. */
async function signUpWith(email: string) {
  expect(
    await signUp(getDb(), { email, name: "Nieuw Jurylid", organisation: "", password: PASSWORD, follow: false }, "nl", "10.9.1.1"),
  ).toEqual({ ok: true, value: undefined });
  const user = await getDb().selectFrom("app_user").select(["id", "email"]).where("email", "=", email).executeTakeFirstOrThrow();
  const mail = await getDb()
    .selectFrom("outbox_email")
    .select("body_text")
    .where("to_address", "=", email)
    .where("template", "=", "verify")
    .executeTakeFirstOrThrow();
  return { user, token: linkFrom(mail.body_text).searchParams.get("token")! };
}

const isJuror = (userId: string, editionId: string) => hasRole(getDb(), userId, { role: "jury", editionId });
const memberOf = (userId: string, editionId: string) =>
  getDb()
    .selectFrom("jury_member")
    .select("category_ids")
    .where("user_id", "=", userId)
    .where("edition_id", "=", editionId)
    .executeTakeFirst();
const inviteRow = (email: string) =>
  getDb().selectFrom("jury_invite").selectAll().where("email", "=", email).orderBy("created_at", "desc").executeTakeFirstOrThrow();

describe("a jury invitation before the account exists", () => {
  it("shows a visitor the invitation and the way in: an account with the invited address, or logging in", async () => {
    const f = await createJuryRound();
    const email = uniqueEmail("jury-bezoeker");
    const { path } = await inviteJuror(f, email);
    const res = await app.request(path);
    expect(res.status).toBe(200);
    const html = unescape(await res.text());
    expect(html).toContain(nl("teams.juryInvite.visitorIntro", { email, award: `Prijs ${f.slug} 2026` }));
    expect(html).toContain(nl("teams.juryInvite.newAccount", { email }));
    expect(html).toContain(`/inloggen?redirectTo=${encodeURIComponent(path)}`);
    expect(html).not.toContain(nl("jury.invite.accept"));
    // A revoked or unknown link tells the visitor it is not valid.
    expect(unescape(await (await app.request("/jury/uitnodiging?token=" + "x".repeat(43))).text())).toContain(nl("jury.invite.invalid"));
  });

  it("becomes the jury place, with its categories, when the new account verifies its address; audited; the link then says so", async () => {
    const f = await createJuryRound();
    const email = uniqueEmail("jury-nieuw");
    const { path, token } = await inviteJuror(f, email, [f.categoryIds[1]!]);
    const { user, token: verification } = await signUpWith(email);
    // Signed up, not verified: no place yet.
    expect(await isJuror(user.id, f.editionId)).toBe(false);
    expect(await verifyEmail(getDb(), verification)).toEqual({ ok: true, value: undefined });
    expect(await isJuror(user.id, f.editionId)).toBe(true);
    expect(await memberOf(user.id, f.editionId)).toEqual({ category_ids: [f.categoryIds[1]] });
    const row = await inviteRow(email);
    expect(row.accepted_by).toBe(user.id);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["action", "actor_id", "award_id", "after"])
      .where("action", "=", "jury.accept")
      .where("actor_id", "=", user.id)
      .execute();
    expect(audit).toEqual([{ action: "jury.accept", actor_id: user.id, award_id: f.awardId, after: { invite: row.id, via: "address" } }]);

    // The juror's list shows only the invited category.
    const cookie = await sessionFor(user.id);
    const list = await (await app.request(f.juryBase, { headers: { cookie } })).text();
    expect(list).toContain("Kandidaat A1");
    expect(list).not.toContain("Kandidaat A0");
    // The mailed link still works: it tells the juror the place is theirs, and offers nothing to accept.
    const page = unescape(await (await app.request(path, { headers: { cookie } })).text());
    expect(page).toContain(nl("teams.juryInvite.alreadyYours", { award: `Prijs ${f.slug} 2026` }));
    expect(page).not.toContain(nl("jury.invite.accept"));
    // Nobody else can use it now (it was used once), and the juror cannot accept it twice.
    const stranger = await createUser();
    const strangerCookie = await sessionFor(stranger.id);
    expect(unescape(await (await app.request(path, { headers: { cookie: strangerCookie } })).text())).toContain(nl("jury.invite.invalid"));
    expect((await app.request(path, { method: "POST", headers: { cookie: strangerCookie } })).status).toBe(400);
    expect(await acceptInvite(getDb(), user, token)).toEqual({ ok: false, status: 400, error: "jury.invite.invalid" });
    expect(await isJuror(stranger.id, f.editionId)).toBe(false);
  });

  it("becomes the jury place at the first single sign-on, which creates the account with a confirmed address", async () => {
    const f = await createJuryRound();
    const email = uniqueEmail("jury-sso");
    await inviteJuror(f, email);
    idp.users.set(email, { name: "Sanne SSO", organisation: "Ministerie van BZK" });
    const start = await beginSignIn(getDb(), "test-idp", "/jury");
    if (!start.ok) throw new Error(start.error);
    const callback = await authorizeAt(start.value.url, email);
    const browser = /^lauwer_sso=([^;]+)/.exec(start.value.cookie)![1]!;
    const signedIn = await completeSignIn(getDb(), { slug: "test-idp", url: callback, browser, locale: "nl" });
    expect(signedIn).toMatchObject({ ok: true, value: { kind: "session", created: true } });
    const account = await getDb().selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    expect(await isJuror(account.id, f.editionId)).toBe(true);
    expect(await memberOf(account.id, f.editionId)).toEqual({ category_ids: [] });
    expect((await inviteRow(email)).accepted_by).toBe(account.id);
  });
});

describe("a jury invitation to an existing account", () => {
  it("becomes the jury place at the next password sign-in of that verified account; a second invitation widens the categories", async () => {
    const f = await createJuryRound();
    const person = await createUser();
    await inviteJuror(f, person.email, [f.categoryIds[0]!]);
    expect(await isJuror(person.id, f.editionId)).toBe(false);
    expect(await login(getDb(), { email: person.email, password: PASSWORD }, "10.9.1.2")).toEqual({ ok: true, value: person.id });
    expect(await isJuror(person.id, f.editionId)).toBe(true);
    expect(await memberOf(person.id, f.editionId)).toEqual({ category_ids: [f.categoryIds[0]] });
    await inviteJuror(f, person.email, [f.categoryIds[1]!]);
    await login(getDb(), { email: person.email, password: PASSWORD }, "10.9.1.2");
    expect((await memberOf(person.id, f.editionId))?.category_ids.sort()).toEqual([...f.categoryIds].sort());
  });

  it("the link still works for a signed-in person with another address, who accepts it explicitly", async () => {
    const f = await createJuryRound();
    const { path } = await inviteJuror(f, uniqueEmail("jury-werk"));
    const person = await createUser({ email: uniqueEmail("jury-prive") });
    const cookie = await sessionFor(person.id);
    expect(unescape(await (await app.request(path, { headers: { cookie } })).text())).toContain(nl("jury.invite.accept"));
    expect((await app.request(path, { method: "POST", headers: { cookie } })).status).toBe(303);
    expect(await isJuror(person.id, f.editionId)).toBe(true);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("after")
      .where("action", "=", "jury.accept")
      .where("actor_id", "=", person.id)
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ via: "link" });
  });
});

describe("never claimed", () => {
  it("a revoked jury invitation, at verification or sign-in", async () => {
    const f = await createJuryRound();
    const email = uniqueEmail("jury-ingetrokken");
    await inviteJuror(f, email);
    const row = await inviteRow(email);
    expect(await revokeJuryInvite(getDb(), { actorId: f.organizer.user.id }, f.awardId, row.id)).toEqual({ ok: true, value: undefined });
    const { user, token } = await signUpWith(email);
    await verifyEmail(getDb(), token);
    await login(getDb(), { email, password: PASSWORD }, "10.9.1.3");
    expect(await isJuror(user.id, f.editionId)).toBe(false);
    expect(await memberOf(user.id, f.editionId)).toBeUndefined();
    expect((await inviteRow(email)).accepted_at).toBeNull();
  });

  it("an expired jury invitation; nor by an unverified account with the address", async () => {
    const f = await createJuryRound();
    const person = await createUser();
    await getDb()
      .insertInto("jury_invite")
      .values({
        edition_id: f.editionId,
        email: person.email,
        token_hash: randomUUID(),
        invited_by: f.organizer.user.id,
        created_at: sql<Date>`now() - interval '31 days'`,
        expires_at: sql<Date>`now() - interval '1 day'`,
      })
      .execute();
    await login(getDb(), { email: person.email, password: PASSWORD }, "10.9.1.4");
    expect(await isJuror(person.id, f.editionId)).toBe(false);
    expect((await inviteRow(person.email)).accepted_at).toBeNull();

    const unverified = await createUser({ verified: false });
    await inviteJuror(f, unverified.email);
    await login(getDb(), { email: unverified.email, password: PASSWORD }, "10.9.1.5");
    expect(await isJuror(unverified.id, f.editionId)).toBe(false);
    expect((await inviteRow(unverified.email)).accepted_at).toBeNull();
  });
});
