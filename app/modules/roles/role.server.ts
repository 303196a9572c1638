import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { findUserByEmail } from "~/modules/accounts/account.repository.server";
import type { Locale } from "~/i18n/i18n";
import { pick } from "~/lib/locale";
import { inviteJurors } from "~/modules/jury/jury.server";
import { inviteToTeam, revokeInvitation, scopeOfInvitation, type InviteMail, type TeamScope } from "~/modules/teams/teams.server";
import { SCOPE_OF_ROLE, type GrantRoleInput, type Role } from "./role.schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ScopeOption {
  value: string;
  kind: "award" | "edition" | "project";
  labelNl: string;
  labelEn: string;
}

/** Everything a role can be scoped to, for the admin form. */
export async function listScopeOptions(db: DbOrTrx): Promise<ScopeOption[]> {
  const [awards, editions, projects] = await Promise.all([
    db.selectFrom("award").select(["id", "name_nl", "name_en"]).orderBy("name_nl").execute(),
    db
      .selectFrom("edition as e")
      .innerJoin("award as a", "a.id", "e.award_id")
      .select(["e.id", "e.year", "a.name_nl", "a.name_en"])
      .orderBy("a.name_nl")
      .orderBy("e.year", "desc")
      .execute(),
    db.selectFrom("book_project").select(["id", "title_nl", "title_en"]).orderBy("title_nl").execute(),
  ]);
  return [
    ...awards.map((a) => ({ value: `award:${a.id}`, kind: "award" as const, labelNl: a.name_nl, labelEn: a.name_en })),
    ...editions.map((e) => ({
      value: `edition:${e.id}`,
      kind: "edition" as const,
      labelNl: `${e.name_nl} ${e.year}`,
      labelEn: `${e.name_en} ${e.year}`,
    })),
    ...projects.map((p) => ({ value: `project:${p.id}`, kind: "project" as const, labelNl: p.title_nl, labelEn: p.title_en })),
  ];
}

export function listGrants(db: DbOrTrx, userId?: string) {
  let q = db
    .selectFrom("role_grant as g")
    .innerJoin("app_user as u", "u.id", "g.user_id")
    .leftJoin("award as a", "a.id", "g.award_id")
    .leftJoin("edition as e", "e.id", "g.edition_id")
    .leftJoin("award as ea", "ea.id", "e.award_id")
    .leftJoin("book_project as p", "p.id", "g.book_project_id")
    .select([
      "g.id",
      "g.role",
      "g.created_at",
      "u.name as user_name",
      "u.email as user_email",
      "a.name_nl as award_nl",
      "a.name_en as award_en",
      "ea.name_nl as edition_award_nl",
      "ea.name_en as edition_award_en",
      "e.year as edition_year",
      "p.title_nl as project_nl",
      "p.title_en as project_en",
    ])
    .orderBy("u.name")
    .orderBy("g.role");
  if (userId) q = q.where("g.user_id", "=", userId);
  return q.execute();
}

function scopeColumns(role: Role, scope: string) {
  const expected = SCOPE_OF_ROLE[role];
  if (scope === "platform") return expected === "platform" ? {} : null;
  const [kind, id] = scope.split(":");
  if (kind !== expected || !id || !UUID.test(id)) return null;
  if (kind === "award") return { award_id: id };
  if (kind === "edition") return { edition_id: id };
  return { book_project_id: id };
}

/** Grants a role in its scope; audited in the same transaction. */
export async function grantRole(db: Db, actor: Actor, input: GrantRoleInput): Promise<Outcome> {
  const columns = scopeColumns(input.role, input.scope);
  if (!columns) return refuse(400, "errors.scopeMismatch", { field: "scope" });
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome> => {
      const user = await findUserByEmail(trx, input.email);
      if (!user) return refuse(400, "errors.userNotFound", { field: "email" });
      const inserted = await trx
        .insertInto("role_grant")
        .values({
          user_id: user.id,
          role: input.role,
          award_id: null,
          edition_id: null,
          book_project_id: null,
          granted_by: actor.actorId,
          ...columns,
        })
        .onConflict((oc) => oc.doNothing())
        .returning(["id", "user_id", "role", "award_id", "edition_id", "book_project_id"])
        .executeTakeFirst();
      if (!inserted) return refuse(400, "errors.alreadyGranted", { field: "email" });
      await writeAudit(trx, actor, { action: "role.grant", entityType: "role_grant", entityId: inserted.id, after: inserted });
      return ok();
    });
  } catch (error) {
    // 23503: the award, edition or project does not exist (any more); the transaction rolled back.
    if ((error as { code?: string }).code === "23503") return refuse(400, "errors.scopeNotFound", { field: "scope" });
    throw error;
  }
}

/**
 * Revokes a grant; the audit entry keeps what was revoked. The last platform admin who is not blocked
 * cannot be revoked (a blocked admin cannot sign in, so they do not count; ADR 0028).
 */
export async function revokeRole(db: Db, actor: Actor, grantId: string): Promise<Outcome> {
  if (!UUID.test(grantId)) return refuse(404, "admin.revokeNotFound");
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    // Lock all admin grants, so two admins revoking each other cannot both succeed; and take the lock
    // that blocking an admin takes (app_user_keep_an_admin), so a revoke and a block cannot cross either.
    await sql`select pg_advisory_xact_lock(hashtext('app_user_keep_an_admin'))`.execute(trx);
    const admins = await trx.selectFrom("role_grant").select("id").where("role", "=", "admin").forUpdate().execute();
    if (admins.some((a) => a.id === grantId)) {
      const others = await trx
        .selectFrom("role_grant as g")
        .innerJoin("app_user as u", "u.id", "g.user_id")
        .select("g.id")
        .where("g.role", "=", "admin")
        .where("g.id", "<>", grantId)
        .where("u.blocked_at", "is", null)
        .executeTakeFirst();
      if (!others) return refuse(409, "admin.lastAdmin");
    }
    const removed = await trx
      .deleteFrom("role_grant")
      .where("id", "=", grantId)
      .returning(["id", "user_id", "role", "award_id", "edition_id", "book_project_id"])
      .executeTakeFirst();
    if (!removed) return refuse(404, "admin.revokeNotFound");
    await writeAudit(trx, actor, { action: "role.revoke", entityType: "role_grant", entityId: removed.id, before: removed });
    return ok();
  });
}

/**
 * The admin's grant form: an address with an account gets the role at once (grantRole); an address
 * without one gets an invitation by e-mail that becomes the role once it has a verified account — a
 * jury place through the jury's own invitation (all categories), the other roles through a role invitation.
 */
export async function grantOrInvite(
  db: Db,
  actor: Actor,
  input: GrantRoleInput,
  mail: InviteMail,
): Promise<Outcome<"granted" | "invited">> {
  if (await findUserByEmail(db, input.email)) {
    const granted = await grantRole(db, actor, input);
    return granted.ok ? ok("granted") : granted;
  }
  const columns = scopeColumns(input.role, input.scope);
  if (!columns) return refuse(400, "errors.scopeMismatch", { field: "scope" });
  const scope = await teamScopeOf(db, columns, mail.locale);
  if (!scope) return refuse(400, "errors.scopeNotFound", { field: "scope" });
  if (scope.kind === "edition") {
    const invited = await inviteJurors(db, actor, { id: scope.editionId, name: scope.name }, [input.email], [], mail);
    return invited.ok ? ok("invited") : invited;
  }
  const invited = await inviteToTeam(db, actor, scope, input.email, mail);
  return invited.ok ? ok("invited") : invited;
}

async function teamScopeOf(
  db: DbOrTrx,
  columns: { award_id?: string; edition_id?: string; book_project_id?: string },
  locale: Locale,
): Promise<TeamScope | { kind: "edition"; editionId: string; name: string } | null> {
  if (columns.award_id) {
    const a = await db.selectFrom("award").select(["id", "name_nl", "name_en"]).where("id", "=", columns.award_id).executeTakeFirst();
    return a ? { kind: "award", awardId: a.id, name: pick(locale, a.name_nl, a.name_en) } : null;
  }
  if (columns.edition_id) {
    const e = await db
      .selectFrom("edition as e")
      .innerJoin("award as a", "a.id", "e.award_id")
      .select(["e.id", "e.year", "a.name_nl", "a.name_en"])
      .where("e.id", "=", columns.edition_id)
      .executeTakeFirst();
    return e ? { kind: "edition", editionId: e.id, name: `${pick(locale, e.name_nl, e.name_en)} ${e.year}` } : null;
  }
  if (columns.book_project_id) {
    const p = await db
      .selectFrom("book_project")
      .select(["id", "title_nl", "title_en"])
      .where("id", "=", columns.book_project_id)
      .executeTakeFirst();
    return p ? { kind: "project", projectId: p.id, name: pick(locale, p.title_nl, p.title_en) } : null;
  }
  return { kind: "platform" };
}

/** The admin revokes any open role invitation (the team pages revoke only their own). */
export async function revokeAnyInvitation(db: Db, actor: Actor, invitationId: string): Promise<Outcome> {
  const scope = await scopeOfInvitation(db, invitationId);
  return scope ? revokeInvitation(db, actor, scope, invitationId) : refuse(404, "teams.errors.invitationNotFound");
}
