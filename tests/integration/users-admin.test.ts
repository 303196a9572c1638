// Issue #16 item 5: a platform admin's user management (/beheer/gebruikers): search, a person's page,
// resend verification, block and unblock with a reason (sessions end at once, sign-in and reset refused
// as a wrong password would be, the person told by mail), audited; never oneself or the last admin.
import "~/i18n/page-texts/organizer";
import "~/i18n/page-texts/users";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { translator } from "~/i18n/i18n";
import { blockUser, searchUsers, unblockUser } from "~/modules/users/users.server";
import { createUser, grantAdmin, lastMailTo, linkFrom, PASSWORD, uniqueEmail } from "../setup/factories";
import { sessionCookieFrom, startTestServer, type TestServer } from "../setup/http";
import { enrol } from "../setup/second-factor";
import { sessionFor } from "../setup/voting";

const nl = translator("nl");
let app: TestServer;
let admin: { id: string; email: string };
let adminCookie: string;

beforeAll(async () => {
  app = await startTestServer();
  admin = await createUser({ name: "Beheerder Gebruikers" });
  await grantAdmin(admin.id);
  adminCookie = await sessionFor(admin.id);
});
afterAll(() => app?.close());

const WRONG_PASSWORD = nl("login.failed");

async function logIn(email: string, password = PASSWORD) {
  return app.request("/inloggen", { form: { email, password } });
}

/** Whether a session cookie still signs in: /account answers the page, or sends a visitor to log in. */
async function signedIn(cookie: string): Promise<boolean> {
  const res = await app.request("/account", { headers: { cookie } });
  if (res.status === 200) return true;
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toMatch(/^\/inloggen/);
  return false;
}

function post(path: string, form: Record<string, string>, cookie = adminCookie) {
  return app.request(path, { headers: { cookie }, form });
}

async function blockedState(id: string) {
  return getDb().selectFrom("app_user").select(["blocked_at", "blocked_reason"]).where("id", "=", id).executeTakeFirstOrThrow();
}

describe("search", () => {
  it("finds people by part of their name, e-mail address or organisation, accents and case ignored, in pages", async () => {
    const tag = `zoek${Math.random().toString(36).slice(2, 8)}`;
    const db = getDb();
    const named = await createUser({ name: `Anaïs ${tag}` });
    const mailed = await createUser({ email: uniqueEmail(`${tag}-mail`) });
    const org = await createUser({ name: "Iemand Anders" });
    await db
      .updateTable("app_user")
      .set({ organisation: `Gemeente ${tag.toUpperCase()}` })
      .where("id", "=", org.id)
      .execute();

    const page = await app.request(`/beheer/gebruikers?q=${encodeURIComponent(`anais ${tag}`)}`, { headers: { cookie: adminCookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<title>Gebruikers — Lauwer</title>");
    expect(html).toContain(`Anaïs ${tag}`);
    expect(html).toContain(`/beheer/gebruikers/${named.id}`);

    const byTag = await searchUsers(db, { q: tag.toUpperCase(), page: 1 });
    expect(byTag.rows.map((r) => r.id).sort()).toEqual([named.id, mailed.id, org.id].sort());
    expect(byTag.total).toBe(3);
    expect((await searchUsers(db, { q: `${tag}-mail`, page: 1 })).rows.map((r) => r.id)).toEqual([mailed.id]);
    expect((await searchUsers(db, { q: `gemeente ${tag}`, page: 1 })).rows.map((r) => r.id)).toEqual([org.id]);
    // LIKE's own characters are taken literally.
    expect((await searchUsers(db, { q: `${tag}%`, page: 1 })).total).toBe(0);

    // 27 more of the same organisation: pages of 25.
    for (let i = 0; i < 27; i++) {
      const u = await createUser({ name: `Pagina ${String(i).padStart(2, "0")}` });
      await db
        .updateTable("app_user")
        .set({ organisation: `Dienst ${tag}` })
        .where("id", "=", u.id)
        .execute();
    }
    const first = await searchUsers(db, { q: `dienst ${tag}`, page: 1 });
    const second = await searchUsers(db, { q: `dienst ${tag}`, page: 2 });
    expect(first.total).toBe(27);
    expect(first.rows).toHaveLength(25);
    expect(second.rows.map((r) => r.name)).toEqual(["Pagina 25", "Pagina 26"]);
    const paged = await (await app.request(`/beheer/gebruikers?q=dienst+${tag}&pagina=2`, { headers: { cookie: adminCookie } })).text();
    expect(paged).toContain("Pagina 26");
    expect(paged).not.toContain("Pagina 00");
  });

  it("can use the trigram index for a search anywhere in name, e-mail and organisation", async () => {
    const plan = await getDb()
      .transaction()
      .execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return sql<{ "QUERY PLAN": string }>`explain select id from app_user u
          where lauwer_fold(u.name || ' ' || u.email || ' ' || u.organisation) like lauwer_fold(${"%vries%"})`.execute(trx);
      });
    expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toContain("app_user_search_trgm");
  });
});

describe("a person's page", () => {
  it("shows roles (linking to the roles page), verification state, active sessions and when last seen", async () => {
    const person = await createUser({ name: "Persoon Met Rol", verified: false });
    await grantAdmin(person.id);
    await sessionFor(person.id);
    await sessionFor(person.id);
    const res = await app.request(`/beheer/gebruikers/${person.id}`, { headers: { cookie: adminCookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Persoon Met Rol");
    expect(html).toContain(nl("roles.admin"));
    expect(html).toContain('href="/beheer/rollen"');
    expect(html).toContain(nl("users.person.notVerified"));
    expect(html).toContain(nl("users.person.sessions", { count: 2 }));
  });

  it("shows the sign-in providers the person linked (name, linked on, last used), whether a password is set and the second factor", async () => {
    const person = await createUser({ name: "Persoon Met Inlogdiensten" });
    const db = getDb();
    await db.updateTable("app_user").set({ password_hash: null }).where("id", "=", person.id).execute();
    await db
      .insertInto("user_identity")
      .values([
        {
          user_id: person.id,
          provider: "oud-ministerie",
          subject: `sub-${person.id}`,
          email: person.email,
          organisation: null,
          created_at: new Date("2026-03-02T10:00:00Z"),
          last_used_at: new Date("2026-11-20T09:30:00Z"),
        },
      ])
      .execute();
    const html = await (await app.request(`/beheer/gebruikers/${person.id}`, { headers: { cookie: adminCookie } })).text();
    expect(html).toContain(nl("users.person.identitiesHeading"));
    // OIDC_PROVIDERS does not name this provider (any more): its slug is shown, and said so.
    expect(html).toContain(nl("users.person.identityUnconfigured", { slug: "oud-ministerie" }));
    expect(html).toContain("2 maart 2026");
    expect(html).toContain("20 november 2026");
    expect(html).toContain(nl("users.person.passwordNone"));
    expect(html).toContain(nl("users.person.secondFactorOff"));

    // Someone without any: said in words; a password and an app show as such.
    const plain = await createUser({ name: "Persoon Zonder Inlogdienst" });
    await enrol(app, await sessionFor(plain.id, { secondFactor: false }), plain.id);
    const other = await (await app.request(`/beheer/gebruikers/${plain.id}`, { headers: { cookie: adminCookie } })).text();
    expect(other).toContain(nl("users.person.noIdentities"));
    expect(other).toContain(nl("users.person.passwordSet"));
    expect(other).toContain(nl("users.person.secondFactorOn"));
  });

  it("answers 404 for an id that is no person", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "geen-id"]) {
      expect((await app.request(`/beheer/gebruikers/${id}`, { headers: { cookie: adminCookie } })).status).toBe(404);
    }
  });

  it("resends the verification link of an unconfirmed address, audited; a confirmed one is refused", async () => {
    const person = await createUser({ verified: false });
    const res = await post(`/beheer/gebruikers/${person.id}?intent=resend`, {});
    expect(res.status).toBe(303);
    const mail = await lastMailTo(person.email);
    expect(mail?.template).toBe("verify");
    expect(linkFrom(mail!.body_text).pathname).toBe("/e-mail-bevestigen");
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["actor_id", "action"])
      .where("entity_id", "=", person.id)
      .where("action", "=", "user.verification.resend")
      .execute();
    expect(audit).toEqual([{ actor_id: admin.id, action: "user.verification.resend" }]);

    const verified = await createUser();
    const again = await post(`/beheer/gebruikers/${verified.id}?intent=resend`, {});
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(nl("users.errors.alreadyVerified"));
  });
});

describe("blocking", () => {
  it("ends a live session at once, refuses login as a wrong password would, tells the person, and unblocking lets them in again", async () => {
    const person = await createUser({ name: "Te Blokkeren" });
    const loggedIn = await logIn(person.email);
    const cookie = sessionCookieFrom(loggedIn)!;
    expect(cookie).toBeDefined();
    expect(await signedIn(cookie)).toBe(true);

    const reason = "Herhaald misbruik van de stemronde gemeld";
    const res = await post(`/beheer/gebruikers/${person.id}?intent=block`, { reason });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/beheer/gebruikers/${person.id}?melding=users.notice.blocked`);

    // The old cookie no longer signs in, on the very next request.
    expect(await signedIn(cookie)).toBe(false);
    expect(await getDb().selectFrom("user_session").select("id").where("user_id", "=", person.id).execute()).toEqual([]);

    // The right password is answered exactly as a wrong one.
    const right = await logIn(person.email);
    const wrong = await logIn(person.email, "niet het goede wachtwoord");
    expect(right.status).toBe(400);
    expect(wrong.status).toBe(400);
    expect(sessionCookieFrom(right)).toBeUndefined();
    const rightText = await right.text();
    expect(rightText).toContain(WRONG_PASSWORD);
    expect(rightText).not.toContain(nl("users.state.blocked"));
    expect(await wrong.text()).toContain(WRONG_PASSWORD);

    const blockedMail = await lastMailTo(person.email);
    expect(blockedMail?.template).toBe("users.blocked");
    expect(blockedMail?.body_text).toContain(reason);

    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["actor_id", "action", "after"])
      .where("entity_id", "=", person.id)
      .orderBy("id")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: admin.id, action: "user.block", after: { reason, sessions_ended: 1 } });

    const unblockReason = "Uitgezocht: het was een vergissing";
    const lifted = await post(`/beheer/gebruikers/${person.id}?intent=unblock`, { reason: unblockReason });
    expect(lifted.status).toBe(303);
    expect(await blockedState(person.id)).toEqual({ blocked_at: null, blocked_reason: null });
    expect((await lastMailTo(person.email))?.template).toBe("users.unblocked");
    // The old session stays ended; a new login works.
    expect(await signedIn(cookie)).toBe(false);
    const again = await logIn(person.email);
    expect(again.status).toBe(302);
    expect(await signedIn(sessionCookieFrom(again)!)).toBe(true);
    const unblockAudit = await getDb()
      .selectFrom("audit_log")
      .select(["actor_id", "after"])
      .where("entity_id", "=", person.id)
      .where("action", "=", "user.unblock")
      .executeTakeFirstOrThrow();
    expect(unblockAudit).toMatchObject({ actor_id: admin.id, after: { reason: unblockReason } });
  });

  it("refuses a password reset for a blocked account: the visitor is told what anyone is told, the owner gets no link", async () => {
    const person = await createUser();
    // A reset link asked for before the block stops working with it.
    await app.request("/wachtwoord-vergeten", { form: { email: person.email } });
    const early = linkFrom((await lastMailTo(person.email))!.body_text);
    expect((await post(`/beheer/gebruikers/${person.id}?intent=block`, { reason: "Account overgenomen door een ander" })).status).toBe(303);

    const asked = await app.request("/wachtwoord-vergeten", { form: { email: person.email } });
    const unknown = await app.request("/wachtwoord-vergeten", { form: { email: uniqueEmail("niemand") } });
    expect(asked.status).toBe(unknown.status);
    expect(asked.headers.get("location")).toBe(unknown.headers.get("location"));
    const mail = await lastMailTo(person.email);
    expect(mail?.template).toBe("users.resetBlocked");
    expect(mail?.body_text).not.toContain("/wachtwoord-herstellen");

    const used = await app.request("/wachtwoord-herstellen", {
      form: { token: early.searchParams.get("token")!, password: "een heel nieuw lang wachtwoord" },
    });
    expect(used.status).toBe(400);
    expect(await getDb().selectFrom("user_session").select("id").where("user_id", "=", person.id).execute()).toEqual([]);
    expect((await logIn(person.email, "een heel nieuw lang wachtwoord")).status).toBe(400);
  });

  it("requires a reason: without one nothing changes", async () => {
    const person = await createUser();
    const cookie = await sessionFor(person.id);
    for (const reason of ["", "   ", "te kort"]) {
      const res = await post(`/beheer/gebruikers/${person.id}?intent=block`, { reason });
      expect(res.status).toBe(400);
    }
    expect(await blockedState(person.id)).toEqual({ blocked_at: null, blocked_reason: null });
    expect(await signedIn(cookie)).toBe(true);
    const audit = await getDb().selectFrom("audit_log").select("id").where("entity_id", "=", person.id).execute();
    expect(audit).toEqual([]);
  });

  it("refuses an admin blocking themselves", async () => {
    const res = await post(`/beheer/gebruikers/${admin.id}?intent=block`, { reason: "Ik wil mezelf blokkeren" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(nl("users.errors.self"));
    expect((await blockedState(admin.id)).blocked_at).toBeNull();
  });

  it("never blocks the last platform admin, even when two admins block each other at the same moment", async () => {
    const db = getDb();
    const a = await createUser({ name: "Beheerder A" });
    const b = await createUser({ name: "Beheerder B" });
    await grantAdmin(a.id);
    await grantAdmin(b.id);
    // Only a and b stay unblocked admins for this test; the others are blocked meanwhile.
    const others = await db
      .selectFrom("role_grant as g")
      .innerJoin("app_user as u", "u.id", "g.user_id")
      .select("u.id")
      .where("g.role", "=", "admin")
      .where("u.blocked_at", "is", null)
      .where("u.id", "not in", [a.id, b.id])
      .execute();
    const ids = others.map((o) => o.id);
    if (ids.length)
      await db
        .updateTable("app_user")
        .set({ blocked_at: sql<Date>`now()`, blocked_reason: "test" })
        .where("id", "in", ids)
        .execute();
    try {
      const results = await Promise.all([
        blockUser(db, { actorId: a.id }, b.id, { reason: "Beheerder B blokkeren" }),
        blockUser(db, { actorId: b.id }, a.id, { reason: "Beheerder A blokkeren" }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ status: 409, error: "users.errors.lastAdmin" })]);
      const still = await db.selectFrom("app_user").select("id").where("id", "in", [a.id, b.id]).where("blocked_at", "is", null).execute();
      expect(still).toHaveLength(1);
      // Straight SQL is refused as well.
      await expect(
        db
          .updateTable("app_user")
          .set({ blocked_at: sql<Date>`now()`, blocked_reason: "x" })
          .where("id", "=", still[0]!.id)
          .execute(),
      ).rejects.toThrow(/last platform admin/);
      // Released again, for the rest of this file.
      const blocked = [a.id, b.id].find((id) => id !== still[0]!.id)!;
      expect((await unblockUser(db, { actorId: still[0]!.id }, blocked, { reason: "Terug na de test" })).ok).toBe(true);
    } finally {
      if (ids.length) await db.updateTable("app_user").set({ blocked_at: null, blocked_reason: null }).where("id", "in", ids).execute();
    }
  });
});

describe("a lost second factor", () => {
  it("is removed by an admin with a reason (audited), so the person sets up a new app; without a reason nothing changes", async () => {
    const person = await createUser();
    const personCookie = await sessionFor(person.id, { secondFactor: false });
    await enrol(app, personCookie, person.id);
    const page = await (await app.request(`/beheer/gebruikers/${person.id}`, { headers: { cookie: adminCookie } })).text();
    expect(page).toContain(nl("users.person.resetMfa"));
    // Two reason forms on one page (block, remove the second factor): each field has its own id and label.
    expect(page.match(/id="field-reason"/g)).toHaveLength(1);
    expect(page.match(/id="field-mfaReason"/g)).toHaveLength(1);

    expect((await post(`/beheer/gebruikers/${person.id}?intent=resetMfa`, { mfaReason: "kort" })).status).toBe(400);
    const still = await getDb().selectFrom("mfa_totp").select("user_id").where("user_id", "=", person.id).execute();
    expect(still).toHaveLength(1);

    const reason = "Telefoon en herstelcodes kwijt; gebeld via het nummer van de organisatie";
    const res = await post(`/beheer/gebruikers/${person.id}?intent=resetMfa`, { mfaReason: reason });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("users.notice.secondFactorReset");
    const left = await getDb().selectFrom("mfa_totp").select("user_id").where("user_id", "=", person.id).execute();
    expect(left).toEqual([]);
    const codes = await getDb().selectFrom("mfa_recovery_code").select("user_id").where("user_id", "=", person.id).execute();
    expect(codes).toEqual([]);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["action", "actor_id", "after"])
      .where("entity_id", "=", person.id)
      .where("action", "=", "mfa.disable")
      .where("actor_id", "=", admin.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).toContain(reason);
    // The person's page lists it among the admins' actions on the account, with the reason.
    const listed = await (await app.request(`/beheer/gebruikers/${person.id}`, { headers: { cookie: adminCookie } })).text();
    expect(listed).toContain(nl("organizer.audit.actions.mfa_disable"));
    expect(listed).toContain(reason);
    // Nothing left to remove: the form is gone and a second try is refused.
    const after = await (await app.request(`/beheer/gebruikers/${person.id}`, { headers: { cookie: adminCookie } })).text();
    expect(after).not.toContain(nl("users.person.resetMfa"));
    expect((await post(`/beheer/gebruikers/${person.id}?intent=resetMfa`, { mfaReason: reason })).status).toBe(409);
  });
});

describe("only platform admins", () => {
  it("refuses members (403) and sends visitors to log in; nothing changes", async () => {
    const member = await createUser();
    const memberCookie = await sessionFor(member.id);
    const target = await createUser();
    const targetCookie = await sessionFor(target.id);
    for (const path of ["/beheer/gebruikers", `/beheer/gebruikers/${target.id}`]) {
      expect((await app.request(path, { headers: { cookie: memberCookie } })).status).toBe(403);
      const visitor = await app.request(path);
      expect(visitor.status).toBe(302);
      expect(visitor.headers.get("location")).toMatch(/^\/inloggen\?redirectTo=/);
    }
    const refused = await post(`/beheer/gebruikers/${target.id}?intent=block`, { reason: "Een lid probeert te blokkeren" }, memberCookie);
    expect(refused.status).toBe(403);
    const anonymous = await app.request(`/beheer/gebruikers/${target.id}?intent=block`, { form: { reason: "Een bezoeker probeert het" } });
    expect(anonymous.status).toBe(302);
    expect(await blockedState(target.id)).toEqual({ blocked_at: null, blocked_reason: null });
    expect(await signedIn(targetCookie)).toBe(true);
  });
});
