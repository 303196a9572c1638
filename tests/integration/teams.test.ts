// Teams without the platform admin (issue #16, item 4; ADR 0027): invitations to a role by e-mail,
// even for people without an account, become the role only once that address has a verified account
// (at verification, at sign-in); organizers and editors manage their own team only; revoked and
// expired invitations grant nothing; the database holds these rules whatever the code does.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasRole } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { login, signUp, verifyEmail } from "~/modules/accounts/account.server";
import { acceptInvite, inviteJurors } from "~/modules/jury/jury.server";
import { claimRoleInvitations } from "~/modules/teams/claim.server";
import { inviteToTeam, removeTeamMember, revokeInvitation, revokeJuryInvite, type TeamScope } from "~/modules/teams/teams.server";
import { createEdition, createUser, lastMailTo, linkFrom, PASSWORD, uniqueEmail } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { sessionFor } from "../setup/voting";

const mail = { origin: "http://localhost:3000", locale: "nl" as const, inviter: "Olga Organisator" };

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

async function awardTeam() {
  const { awardId, editionId, slug } = await createEdition();
  const organizer = await createUser({ name: "Olga Organisator" });
  await getDb()
    .insertInto("role_grant")
    .values({ user_id: organizer.id, role: "organizer", award_id: awardId, edition_id: null, book_project_id: null, granted_by: null })
    .execute();
  const scope: TeamScope = { kind: "award", awardId, name: `Prijs ${slug}` };
  return { awardId, editionId, slug, organizer, scope, actor: { actorId: organizer.id } };
}

async function project() {
  const row = await getDb()
    .insertInto("book_project")
    .values({ slug: `boek-${randomUUID().slice(0, 8)}`, title_nl: "Boek", title_en: "Book" })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();
  const editor = await createUser({ name: "Eva Redacteur" });
  await getDb()
    .insertInto("role_grant")
    .values({ user_id: editor.id, role: "editor", award_id: null, edition_id: null, book_project_id: row.id, granted_by: null })
    .execute();
  return { projectId: row.id, slug: row.slug, editor, scope: { kind: "project", projectId: row.id, name: "Boek" } as TeamScope };
}

/** Signs up through the service and follows the verification link from the mail, as a person would. */
async function signUpAndVerify(email: string) {
  expect(
    await signUp(getDb(), { email, name: "Nieuwe Collega", organisation: "", password: PASSWORD, follow: false }, "nl", "10.9.0.1"),
  ).toEqual({
    ok: true,
    value: undefined,
  });
  const user = await getDb()
    .selectFrom("app_user")
    .select(["id", "email_verified_at"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  const verifyMail = await getDb()
    .selectFrom("outbox_email")
    .select("body_text")
    .where("to_address", "=", email)
    .where("template", "=", "verify")
    .executeTakeFirstOrThrow();
  return { user, token: linkFrom(verifyMail.body_text).searchParams.get("token")! };
}

const invitationOf = (email: string) =>
  getDb().selectFrom("role_invitation").selectAll().where("email", "=", email).orderBy("created_at", "desc").executeTakeFirstOrThrow();

describe("an invitation before the account exists", () => {
  it("becomes the role when the new account verifies its address, not before; the mail links to the invitation", async () => {
    const t = await awardTeam();
    const email = uniqueEmail("nieuw");
    const invited = await inviteToTeam(getDb(), t.actor, t.scope, email, mail);
    expect(invited.ok).toBe(true);
    const letter = await lastMailTo(email);
    expect(letter?.template).toBe("teams.invite");
    expect(letter?.body_text).toContain("Olga Organisator");
    expect(linkFrom(letter!.body_text).pathname).toBe("/uitnodiging");

    const { user, token } = await signUpAndVerify(email);
    // Signed up but not verified: no role yet.
    expect(await hasRole(getDb(), user.id, { role: "organizer", awardId: t.awardId })).toBe(false);
    expect(await verifyEmail(getDb(), token)).toEqual({ ok: true, value: undefined });
    expect(await hasRole(getDb(), user.id, { role: "organizer", awardId: t.awardId })).toBe(true);
    const row = await invitationOf(email);
    expect(row.accepted_by).toBe(user.id);
    expect(row.accepted_at).not.toBeNull();
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["action", "actor_id", "award_id"])
      .where("entity_id", "=", row.id)
      .orderBy("id")
      .execute();
    expect(audit).toEqual([
      { action: "role.invite", actor_id: t.organizer.id, award_id: t.awardId },
      { action: "role.invite.accept", actor_id: user.id, award_id: t.awardId },
    ]);
  });

  it("a jury place is claimed the same way: after verification the new account is a juror, and the mailed link cannot seat it twice", async () => {
    const t = await awardTeam();
    const email = uniqueEmail("jury");
    expect(
      await inviteJurors(getDb(), t.actor, { id: t.editionId, name: "Prijs" }, [email], [], { origin: mail.origin, locale: "nl" }),
    ).toEqual({
      ok: true,
      value: 1,
    });
    const juryLink = linkFrom((await lastMailTo(email))!.body_text);
    const { user, token } = await signUpAndVerify(email);
    expect(await hasRole(getDb(), user.id, { role: "jury", editionId: t.editionId })).toBe(false);
    await verifyEmail(getDb(), token);
    expect(await hasRole(getDb(), user.id, { role: "jury", editionId: t.editionId })).toBe(true);
    // More in jury-claim.test.ts.
    expect(await acceptInvite(getDb(), user, juryLink.searchParams.get("token"))).toEqual({
      ok: false,
      status: 400,
      error: "jury.invite.invalid",
    });
  });
});

describe("an invitation to an existing account", () => {
  it("becomes the role at the next sign-in of that verified account", async () => {
    const t = await awardTeam();
    const person = await createUser();
    expect((await inviteToTeam(getDb(), t.actor, t.scope, person.email, mail)).ok).toBe(true);
    expect(await hasRole(getDb(), person.id, { role: "organizer", awardId: t.awardId })).toBe(false);
    expect(await login(getDb(), { email: person.email, password: PASSWORD }, "10.9.0.2")).toEqual({ ok: true, value: person.id });
    expect(await hasRole(getDb(), person.id, { role: "organizer", awardId: t.awardId })).toBe(true);
  });

  it("an unverified account with the address does not get it at sign-in; another account never does", async () => {
    const t = await awardTeam();
    const unverified = await createUser({ verified: false });
    const other = await createUser();
    await inviteToTeam(getDb(), t.actor, t.scope, unverified.email, mail);
    await login(getDb(), { email: unverified.email, password: PASSWORD }, "10.9.0.3");
    expect(await hasRole(getDb(), unverified.id, { role: "organizer", awardId: t.awardId })).toBe(false);
    // Someone else's account, even when the claim is called with the invited address.
    expect(
      await getDb()
        .transaction()
        .execute((trx) => claimRoleInvitations(trx, { id: other.id, email: unverified.email })),
    ).toBe(0);
    expect(await hasRole(getDb(), other.id, { role: "organizer", awardId: t.awardId })).toBe(false);
    const row = await invitationOf(unverified.email);
    expect(row.accepted_at).toBeNull();
  });

  it("an address that already has the role is refused by name, nothing sent", async () => {
    const t = await awardTeam();
    const refused = await inviteToTeam(getDb(), t.actor, t.scope, t.organizer.email, mail);
    expect(refused).toMatchObject({ ok: false, status: 409, error: "teams.errors.alreadyMember", field: "email" });
    expect(await getDb().selectFrom("role_invitation").select("id").where("email", "=", t.organizer.email).execute()).toEqual([]);
  });
});

describe("only within one's own scope", () => {
  it("another award's organizer cannot see, invite to, revoke from or remove members of this award's team", async () => {
    const a = await awardTeam();
    const b = await awardTeam();
    const email = uniqueEmail("a");
    const invited = await inviteToTeam(getDb(), a.actor, a.scope, email, mail);
    expect(invited.ok).toBe(true);
    const invitationId = (await invitationOf(email)).id;
    // B's organizer, with B's team as scope (what B's pages pass), aims at A's rows: not found.
    expect(await revokeInvitation(getDb(), b.actor, b.scope, invitationId)).toMatchObject({ ok: false, status: 404 });
    expect((await invitationOf(email)).revoked_at).toBeNull();
    const grantA = await getDb().selectFrom("role_grant").select("id").where("user_id", "=", a.organizer.id).executeTakeFirstOrThrow();
    const second = await createUser();
    await getDb()
      .insertInto("role_grant")
      .values({ user_id: second.id, role: "organizer", award_id: a.awardId, edition_id: null, book_project_id: null, granted_by: null })
      .execute();
    expect(await removeTeamMember(getDb(), b.actor, b.scope, grantA.id)).toMatchObject({ ok: false, status: 404 });
    expect(await hasRole(getDb(), a.organizer.id, { role: "organizer", awardId: a.awardId })).toBe(true);
    const jury = uniqueEmail("jury");
    await inviteJurors(getDb(), a.actor, { id: a.editionId, name: "A" }, [jury], [], { origin: mail.origin, locale: "nl" });
    const juryInvite = await getDb().selectFrom("jury_invite").select("id").where("email", "=", jury).executeTakeFirstOrThrow();
    expect(await revokeJuryInvite(getDb(), b.actor, b.awardId, juryInvite.id)).toMatchObject({ ok: false, status: 404 });

    // Through the app: B's organizer gets 403 on A's team page and its actions, and nothing changes.
    const cookie = await sessionFor(b.organizer.id);
    expect((await app.request(`/beheer/prijzen/${a.slug}/team`, { headers: { cookie } })).status).toBe(403);
    const before = await getDb()
      .selectFrom("role_invitation")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("award_id", "=", a.awardId)
      .executeTakeFirstOrThrow();
    for (const form of <Array<Record<string, string>>>[
      { intent: "invite", email: uniqueEmail("via-b") },
      { intent: "revoke", invitationId },
      { intent: "remove", grantId: grantA.id },
      { intent: "revokeJury", inviteId: juryInvite.id },
    ]) {
      expect((await app.request(`/beheer/prijzen/${a.slug}/team`, { form, headers: { cookie } })).status).toBe(403);
    }
    const after = await getDb()
      .selectFrom("role_invitation")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("award_id", "=", a.awardId)
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect((await invitationOf(email)).revoked_at).toBeNull();
    expect(await hasRole(getDb(), a.organizer.id, { role: "organizer", awardId: a.awardId })).toBe(true);
  });

  it("an organizer's team page invites and revokes in its own award; an editor's in its own project only", async () => {
    const a = await awardTeam();
    const cookie = await sessionFor(a.organizer.id);
    const email = uniqueEmail("via-page");
    const res = await app.request(`/beheer/prijzen/${a.slug}/team`, {
      form: { intent: "invite", email: email.toUpperCase() },
      headers: { cookie },
    });
    expect(res.status).toBe(303);
    const row = await invitationOf(email);
    expect(row).toMatchObject({ role: "organizer", award_id: a.awardId, book_project_id: null, invited_by: a.organizer.id });
    // The same address again: refused on its field, nothing more stored.
    const again = await app.request(`/beheer/prijzen/${a.slug}/team`, { form: { intent: "invite", email }, headers: { cookie } });
    expect(again.status).toBe(409);
    const revoked = await app.request(`/beheer/prijzen/${a.slug}/team`, {
      form: { intent: "revoke", invitationId: row.id },
      headers: { cookie },
    });
    expect(revoked.status).toBe(303);
    expect((await invitationOf(email)).revoked_by).toBe(a.organizer.id);

    const p = await project();
    const q = await project();
    const editorCookie = await sessionFor(p.editor.id);
    const ok = await app.request(`/beheer/boeken/${p.slug}/team`, {
      form: { intent: "invite", email: uniqueEmail("red") },
      headers: { cookie: editorCookie },
    });
    expect(ok.status).toBe(303);
    expect((await app.request(`/beheer/boeken/${q.slug}/team`, { headers: { cookie: editorCookie } })).status).toBe(403);
    expect(
      (
        await app.request(`/beheer/boeken/${q.slug}/team`, {
          form: { intent: "invite", email: uniqueEmail("x") },
          headers: { cookie: editorCookie },
        })
      ).status,
    ).toBe(403);
    // An organizer is no editor, and the other way round.
    expect((await app.request(`/beheer/boeken/${p.slug}/team`, { headers: { cookie } })).status).toBe(403);
    expect((await app.request(`/beheer/prijzen/${a.slug}/team`, { headers: { cookie: editorCookie } })).status).toBe(403);
  });

  it("the last organizer of an award cannot be removed", async () => {
    const a = await awardTeam();
    const grant = await getDb().selectFrom("role_grant").select("id").where("user_id", "=", a.organizer.id).executeTakeFirstOrThrow();
    expect(await removeTeamMember(getDb(), a.actor, a.scope, grant.id)).toMatchObject({
      ok: false,
      status: 409,
      error: "teams.errors.lastMember",
    });
    expect(await hasRole(getDb(), a.organizer.id, { role: "organizer", awardId: a.awardId })).toBe(true);
  });
});

describe("revoked and expired invitations grant nothing", () => {
  it("a revoked invitation is not claimed at verification; a new one can be sent", async () => {
    const t = await awardTeam();
    const email = uniqueEmail("ingetrokken");
    await inviteToTeam(getDb(), t.actor, t.scope, email, mail);
    const row = await invitationOf(email);
    expect(await revokeInvitation(getDb(), t.actor, t.scope, row.id)).toEqual({ ok: true, value: undefined });
    expect(await revokeInvitation(getDb(), t.actor, t.scope, row.id)).toMatchObject({ ok: false, status: 404 });
    const { user, token } = await signUpAndVerify(email);
    await verifyEmail(getDb(), token);
    expect(await hasRole(getDb(), user.id, { role: "organizer", awardId: t.awardId })).toBe(false);
    const audit = await getDb().selectFrom("audit_log").select("action").where("entity_id", "=", row.id).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["role.invite", "role.invite.revoke"]);
    // The database refuses to reopen or accept it.
    await expect(getDb().updateTable("role_invitation").set({ revoked_at: null }).where("id", "=", row.id).execute()).rejects.toThrow(
      /closed/,
    );
    expect((await inviteToTeam(getDb(), t.actor, t.scope, email, mail)).ok).toBe(true);
  });

  it("an expired invitation is not claimed, the database refuses accepting it, and it does not block a new one", async () => {
    const t = await awardTeam();
    const person = await createUser();
    const expired = await getDb()
      .insertInto("role_invitation")
      .values({
        email: person.email,
        role: "organizer",
        award_id: t.awardId,
        book_project_id: null,
        token_hash: randomUUID(),
        invited_by: t.organizer.id,
        created_at: sql<Date>`now() - interval '31 days'`,
        expires_at: sql<Date>`now() - interval '1 day'`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await login(getDb(), { email: person.email, password: PASSWORD }, "10.9.0.4");
    expect(await hasRole(getDb(), person.id, { role: "organizer", awardId: t.awardId })).toBe(false);
    await expect(
      getDb()
        .updateTable("role_invitation")
        .set({ accepted_at: sql`now()`, accepted_by: person.id })
        .where("id", "=", expired.id)
        .execute(),
    ).rejects.toThrow(/expired/);
    // A new invitation closes the lapsed one and is claimed at the next sign-in.
    expect((await inviteToTeam(getDb(), t.actor, t.scope, person.email, mail)).ok).toBe(true);
    const lapsed = await getDb()
      .selectFrom("role_invitation")
      .select(["revoked_at", "revoked_by"])
      .where("id", "=", expired.id)
      .executeTakeFirstOrThrow();
    expect(lapsed.revoked_at).not.toBeNull();
    expect(lapsed.revoked_by).toBeNull();
    await login(getDb(), { email: person.email, password: PASSWORD }, "10.9.0.4");
    expect(await hasRole(getDb(), person.id, { role: "organizer", awardId: t.awardId })).toBe(true);
  });

  it("a revoked jury invitation's link no longer works, and the database refuses accepting it", async () => {
    const t = await awardTeam();
    const email = uniqueEmail("jury-weg");
    await inviteJurors(getDb(), t.actor, { id: t.editionId, name: "Prijs" }, [email], [], { origin: mail.origin, locale: "nl" });
    const juryToken = linkFrom((await lastMailTo(email))!.body_text).searchParams.get("token");
    const invite = await getDb().selectFrom("jury_invite").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    expect(await revokeJuryInvite(getDb(), t.actor, t.awardId, invite.id)).toEqual({ ok: true, value: undefined });
    expect(await revokeJuryInvite(getDb(), t.actor, t.awardId, invite.id)).toMatchObject({ ok: false, status: 404 });
    const person = await createUser({ email });
    expect(await acceptInvite(getDb(), person, juryToken)).toEqual({ ok: false, status: 400, error: "jury.invite.invalid" });
    expect(await hasRole(getDb(), person.id, { role: "jury", editionId: t.editionId })).toBe(false);
    await expect(
      getDb()
        .updateTable("jury_invite")
        .set({ accepted_at: sql`now()`, accepted_by: person.id })
        .where("id", "=", invite.id)
        .execute(),
    ).rejects.toThrow(/closed/);
  });
});

describe("the database holds the rules", () => {
  it("one open invitation per address, role and scope; scope columns fit the role; expiry bounded; only the invited verified address accepts", async () => {
    const t = await awardTeam();
    const p = await project();
    const base = { email: uniqueEmail("db"), invited_by: null, expires_at: sql<Date>`now() + interval '1 day'` };
    const db = getDb();
    const row = await db
      .insertInto("role_invitation")
      .values({ ...base, role: "organizer", award_id: t.awardId, book_project_id: null, token_hash: randomUUID() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await expect(
      db
        .insertInto("role_invitation")
        .values({ ...base, role: "organizer", award_id: t.awardId, book_project_id: null, token_hash: randomUUID() })
        .execute(),
    ).rejects.toThrow(/role_invitation_open/);
    await expect(
      db
        .insertInto("role_invitation")
        .values({ ...base, role: "organizer", award_id: null, book_project_id: p.projectId, token_hash: randomUUID() })
        .execute(),
    ).rejects.toThrow(/role_invitation_scope/);
    await expect(
      db
        .insertInto("role_invitation")
        .values({ ...base, role: "admin", award_id: t.awardId, book_project_id: null, token_hash: randomUUID() })
        .execute(),
    ).rejects.toThrow(/role_invitation_scope/);
    await expect(
      db
        .insertInto("role_invitation")
        .values({
          ...base,
          role: "editor",
          award_id: null,
          book_project_id: p.projectId,
          token_hash: randomUUID(),
          expires_at: sql<Date>`now() + interval '1 year'`,
        })
        .execute(),
    ).rejects.toThrow(/role_invitation_expiry/);
    await expect(
      db
        .insertInto("role_invitation")
        .values({
          ...base,
          email: "Hoofd@Example.nl",
          role: "editor",
          award_id: null,
          book_project_id: p.projectId,
          token_hash: randomUUID(),
        })
        .execute(),
    ).rejects.toThrow(/check/);
    const stranger = await createUser();
    await expect(
      db
        .updateTable("role_invitation")
        .set({ accepted_at: sql`now()`, accepted_by: stranger.id })
        .where("id", "=", row.id)
        .execute(),
    ).rejects.toThrow(/another address/);
    await expect(db.updateTable("role_invitation").set({ award_id: p.projectId }).where("id", "=", row.id).execute()).rejects.toThrow(
      /cannot change/,
    );
  });
});

describe("the admin's roles page invites addresses without an account", () => {
  it("an organizer role for an unknown address becomes an invitation (granted at verification); a jury place a jury invitation; a known address is granted at once", async () => {
    const admin = await createUser({ name: "Bea Beheerder" });
    await getDb()
      .insertInto("role_grant")
      .values({ user_id: admin.id, role: "admin", award_id: null, edition_id: null, book_project_id: null, granted_by: null })
      .execute();
    const cookie = await sessionFor(admin.id);
    const t = await awardTeam();
    const email = uniqueEmail("via-admin");
    const res = await app.request("/beheer/rollen", {
      form: { email, role: "organizer", scope: `award:${t.awardId}` },
      headers: { cookie },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("teams.notice.adminInvited");
    expect(await invitationOf(email)).toMatchObject({ role: "organizer", award_id: t.awardId, invited_by: admin.id });
    const { user, token } = await signUpAndVerify(email);
    await verifyEmail(getDb(), token);
    expect(await hasRole(getDb(), user.id, { role: "organizer", awardId: t.awardId })).toBe(true);

    const juror = uniqueEmail("via-admin-jury");
    expect(
      (await app.request("/beheer/rollen", { form: { email: juror, role: "jury", scope: `edition:${t.editionId}` }, headers: { cookie } }))
        .status,
    ).toBe(302);
    expect(await getDb().selectFrom("jury_invite").select(["edition_id", "category_ids"]).where("email", "=", juror).execute()).toEqual([
      { edition_id: t.editionId, category_ids: [] },
    ]);

    const known = await createUser();
    const granted = await app.request("/beheer/rollen", {
      form: { email: known.email, role: "organizer", scope: `award:${t.awardId}` },
      headers: { cookie },
    });
    expect(granted.headers.get("location")).toContain("admin.granted");
    expect(await hasRole(getDb(), known.id, { role: "organizer", awardId: t.awardId })).toBe(true);

    // The admin revokes an open invitation of any team.
    const other = uniqueEmail("weg");
    await inviteToTeam(getDb(), t.actor, t.scope, other, mail);
    const id = (await invitationOf(other)).id;
    expect(
      (await app.request("/beheer/rollen", { form: { intent: "revokeInvitation", invitationId: id }, headers: { cookie } })).status,
    ).toBe(302);
    expect((await invitationOf(other)).revoked_by).toBe(admin.id);
  });
});
