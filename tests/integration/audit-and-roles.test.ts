import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { hasRole } from "~/auth/guards.server";
import { grantRole, revokeRole } from "~/modules/roles/role.server";
import { createUser, grantAdmin } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { signIn } from "../setup/second-factor";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

async function cookieFor(email: string) {
  return signIn(app, email);
}

async function scopes() {
  const db = getDb();
  const award = await db
    .insertInto("award")
    .values({ slug: `a-${Date.now()}-${Math.random()}`, name_nl: "Prijs", name_en: "Award" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const edition = await db.insertInto("edition").values({ award_id: award.id, year: 2026 }).returning("id").executeTakeFirstOrThrow();
  const project = await db
    .insertInto("book_project")
    .values({ slug: `p-${Date.now()}-${Math.random()}`, title_nl: "Boek", title_en: "Book" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { awardId: award.id, editionId: edition.id, projectId: project.id };
}

describe("audit log is append-only in the database", () => {
  it("refuses UPDATE, DELETE and TRUNCATE from the app's connection", async () => {
    const db = getDb();
    const row = await db
      .insertInto("audit_log")
      .values({ actor_id: null, action: "test.entry", entity_type: "test" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await expect(db.updateTable("audit_log").set({ action: "tampered" }).where("id", "=", row.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_log").where("id", "=", row.id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    const still = await db.selectFrom("audit_log").select("action").where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(still.action).toBe("test.entry");
  });
});

describe("scoped roles: deny unless granted", () => {
  it("grants exactly the scope given, nothing more", async () => {
    const user = await createUser();
    const admin = await createUser();
    const a = await scopes();
    const b = await scopes();
    expect(await grantRole(getDb(), { actorId: admin.id }, { email: user.email, role: "organizer", scope: `award:${a.awardId}` })).toEqual({
      ok: true,
    });
    const db = getDb();
    expect(await hasRole(db, user.id, { role: "organizer", awardId: a.awardId })).toBe(true);
    expect(await hasRole(db, user.id, { role: "organizer", awardId: b.awardId })).toBe(false);
    expect(await hasRole(db, user.id, { role: "jury", editionId: a.editionId })).toBe(false);
    expect(await hasRole(db, user.id, { role: "admin" })).toBe(false);
  });

  it("refuses a scope that does not fit the role, a missing scope, an unknown user and a duplicate", async () => {
    const user = await createUser();
    const s = await scopes();
    const actor = { actorId: null };
    expect(await grantRole(getDb(), actor, { email: user.email, role: "jury", scope: `award:${s.awardId}` })).toMatchObject({
      ok: false,
      status: 400,
      field: "scope",
    });
    expect(await grantRole(getDb(), actor, { email: user.email, role: "admin", scope: `award:${s.awardId}` })).toMatchObject({
      ok: false,
      status: 400,
      field: "scope",
    });
    expect(
      await grantRole(getDb(), actor, { email: user.email, role: "editor", scope: "project:00000000-0000-4000-8000-000000000000" }),
    ).toMatchObject({ ok: false, status: 400, error: "errors.scopeNotFound" });
    expect(await grantRole(getDb(), actor, { email: "niemand@example.nl", role: "admin", scope: "platform" })).toMatchObject({
      ok: false,
      status: 400,
      error: "errors.userNotFound",
    });
    expect(await grantRole(getDb(), actor, { email: user.email, role: "jury", scope: `edition:${s.editionId}` })).toEqual({ ok: true });
    expect(await grantRole(getDb(), actor, { email: user.email, role: "jury", scope: `edition:${s.editionId}` })).toMatchObject({
      ok: false,
      status: 400,
      error: "errors.alreadyGranted",
    });
    const n = await getDb()
      .selectFrom("role_grant")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it("the database itself refuses a grant with the wrong scope columns", async () => {
    const user = await createUser();
    await expect(
      getDb()
        .insertInto("role_grant")
        .values({ user_id: user.id, role: "organizer", award_id: null, edition_id: null, book_project_id: null, granted_by: null })
        .execute(),
    ).rejects.toThrow(/role_grant_scope/);
  });

  it("audits every grant and revoke with who, what and before/after", async () => {
    const admin = await createUser();
    const user = await createUser();
    const s = await scopes();
    await grantRole(
      getDb(),
      { actorId: admin.id, ip: "203.0.113.9", requestId: "req-1" },
      { email: user.email, role: "editor", scope: `project:${s.projectId}` },
    );
    const grant = await getDb().selectFrom("role_grant").select("id").where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(await revokeRole(getDb(), { actorId: admin.id }, grant.id)).toEqual({ ok: true });
    expect(await revokeRole(getDb(), { actorId: admin.id }, grant.id)).toEqual({ ok: false, status: 404, error: "admin.revokeNotFound" });
    const entries = await getDb().selectFrom("audit_log").selectAll().where("entity_id", "=", grant.id).orderBy("id").execute();
    expect(entries.map((e) => e.action)).toEqual(["role.grant", "role.revoke"]);
    expect(entries[0]).toMatchObject({
      actor_id: admin.id,
      ip: "203.0.113.9",
      request_id: "req-1",
      after: expect.objectContaining({ role: "editor", book_project_id: s.projectId }),
    });
    expect(entries[1]).toMatchObject({ actor_id: admin.id, before: expect.objectContaining({ user_id: user.id }) });
  });
});

describe("the last platform admin", () => {
  it("cannot be revoked, so the admin screen is never locked", async () => {
    const db = getDb();
    // This worker's database may hold admins from other tests: keep exactly one.
    const extra = await createUser();
    await grantAdmin(extra.id);
    const grants = await db.selectFrom("role_grant").select("id").where("role", "=", "admin").orderBy("created_at").execute();
    for (const g of grants.slice(1)) expect(await revokeRole(db, { actorId: null }, g.id)).toEqual({ ok: true });
    expect(await revokeRole(db, { actorId: null }, grants[0]!.id)).toEqual({ ok: false, status: 409, error: "admin.lastAdmin" });
    expect(await db.selectFrom("role_grant").select("id").where("id", "=", grants[0]!.id).executeTakeFirst()).toBeDefined();
  });
});

describe("admin screen authorization over HTTP", () => {
  it("sends visitors to login, answers members with 403, and serves admins", async () => {
    const anon = await app.request("/beheer/rollen");
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toBe("/inloggen?redirectTo=%2Fbeheer%2Frollen");

    const member = await createUser();
    const memberCookie = await cookieFor(member.email);
    const forbidden = await app.request("/beheer/rollen", { headers: { cookie: memberCookie } });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toContain("Geen toegang");

    const admin = await createUser();
    await grantAdmin(admin.id);
    const ok = await app.request("/beheer/rollen", { headers: { cookie: await cookieFor(admin.email) } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Beheer: rollen");
  });

  it("refuses a member's grant action and changes nothing", async () => {
    const member = await createUser();
    const cookie = await cookieFor(member.email);
    const res = await app.request("/beheer/rollen", {
      form: { email: member.email, role: "admin", scope: "platform" },
      headers: { cookie },
    });
    expect(res.status).toBe(403);
    expect(await hasRole(getDb(), member.id, { role: "admin" })).toBe(false);
  });

  it("lets an admin grant and revoke through the form, audited", async () => {
    const admin = await createUser();
    await grantAdmin(admin.id);
    const cookie = await cookieFor(admin.email);
    const user = await createUser();
    const s = await scopes();
    const res = await app.request("/beheer/rollen", {
      form: { email: user.email, role: "organizer", scope: `award:${s.awardId}` },
      headers: { cookie },
    });
    expect(res.status).toBe(302);
    expect(await hasRole(getDb(), user.id, { role: "organizer", awardId: s.awardId })).toBe(true);

    const bad = await app.request("/beheer/rollen", {
      form: { email: user.email, role: "organizer", scope: "award:not-a-uuid" },
      headers: { cookie },
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Kies een van de mogelijkheden");

    const grant = await getDb().selectFrom("role_grant").select("id").where("user_id", "=", user.id).executeTakeFirstOrThrow();
    const revoke = await app.request("/beheer/rollen?intent=revoke", { form: { grantId: grant.id }, headers: { cookie } });
    expect(revoke.status).toBe(302);
    expect(await hasRole(getDb(), user.id, { role: "organizer", awardId: s.awardId })).toBe(false);
    const bogus = await app.request("/beheer/rollen?intent=revoke", {
      form: { grantId: "'; drop table role_grant; --" },
      headers: { cookie },
    });
    expect(bogus.status).toBe(404);
    const audited = await getDb()
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", grant.id)
      .where("actor_id", "=", admin.id)
      .execute();
    expect(audited.map((a) => a.action).sort()).toEqual(["role.grant", "role.revoke"]);
  });
});

describe("secrets in the audit log", () => {
  it("never stores an edition's export salt (the key of voter pseudonyms) nor password or token hashes", async () => {
    const { writeAudit } = await import("~/modules/audit/audit.server");
    const { updateEditionSettings } = await import("~/modules/awards/procedure.server");
    const db = getDb();
    const award = await db
      .insertInto("award")
      .values({ slug: `geheim-${Date.now()}`, name_nl: "Prijs", name_en: "Award" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const edition = await db
      .insertInto("edition")
      .values({ award_id: award.id, year: 2031 })
      .returning(["id", "export_salt"])
      .executeTakeFirstOrThrow();
    const user = await createUser();
    await updateEditionSettings(db, { actorId: user.id }, edition.id, {
      descriptionNl: "Nieuw",
      descriptionEn: "New",
      themeNl: "",
      themeEn: "",
      criteriaNl: "",
      criteriaEn: "",
      nomineeKind: "person",
      maxAge: "",
      opensAt: "2031-01-01T09:00",
      closesAt: "2031-02-01T09:00",
      perMember: "3",
      ceremonyAt: "",
      ceremonyPlace: "",
      juryReminderDays: "3",
    });
    await writeAudit(
      db,
      { actorId: user.id },
      {
        action: "test.secret",
        entityType: "app_user",
        entityId: user.id,
        after: { password_hash: "h", nested: { token_hash: "t" }, kept: 1 },
      },
    );
    const rows = await db
      .selectFrom("audit_log")
      .select(["action", sql<string>`coalesce(before::text, '') || coalesce(after::text, '')`.as("json")])
      .where("actor_id", "=", user.id)
      .execute();
    expect(rows.map((r) => r.action).sort()).toEqual(["edition.update", "test.secret"]);
    for (const r of rows) {
      expect(r.json).not.toContain(edition.export_salt);
      expect(r.json).not.toContain("export_salt");
      expect(r.json).not.toContain("password_hash");
      expect(r.json).not.toContain("token_hash");
    }
    expect(rows.find((r) => r.action === "test.secret")!.json).toContain('"kept": 1');
  });
});

describe("the last platform admin who can sign in", () => {
  it("cannot be revoked while every other admin is blocked", async () => {
    const db = getDb();
    const me = await createUser();
    await grantAdmin(me.id);
    // Every other admin in this worker's database is blocked (a blocked admin cannot sign in).
    const mine = await db
      .selectFrom("role_grant")
      .select("id")
      .where("user_id", "=", me.id)
      .where("role", "=", "admin")
      .executeTakeFirstOrThrow();
    const blocked = await db
      .updateTable("app_user")
      .set({ blocked_at: new Date(), blocked_reason: "Geblokkeerd voor deze test" })
      .where("id", "in", db.selectFrom("role_grant").select("user_id").where("role", "=", "admin").where("user_id", "<>", me.id))
      .where("blocked_at", "is", null)
      .returning("id")
      .execute();
    try {
      expect(await revokeRole(db, { actorId: null }, mine.id)).toEqual({ ok: false, status: 409, error: "admin.lastAdmin" });
      expect(await db.selectFrom("role_grant").select("id").where("id", "=", mine.id).executeTakeFirst()).toBeDefined();
      // With another admin who can sign in, it can.
      const other = await createUser();
      await grantAdmin(other.id);
      expect(await revokeRole(db, { actorId: null }, mine.id)).toEqual({ ok: true });
    } finally {
      // The worker's database is shared with later tests: the admins blocked here are released again.
      if (blocked.length > 0)
        await db
          .updateTable("app_user")
          .set({ blocked_at: null, blocked_reason: null })
          .where(
            "id",
            "in",
            blocked.map((b) => b.id),
          )
          .execute();
    }
  });
});
