import { sql } from "kysely";
import "~/i18n/page-texts/teams";
import type { Db, DbOrTrx } from "~/db.server";
import { translator, type Locale } from "~/i18n/i18n";
import { pick } from "~/lib/locale";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { hashToken, newToken } from "~/modules/accounts/account.server";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { claimRoleInvitations } from "./claim.server";
import { INVITATION_DAYS } from "./teams.schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZERO = "00000000-0000-0000-0000-000000000000";

/**
 * What a team is: an award's organizers, a book project's editors, or the platform's admins. The
 * scope always comes from the guard of the page (the award or project of the URL), never from the form.
 */
export type TeamScope =
  { kind: "award"; awardId: string; name: string } | { kind: "project"; projectId: string; name: string } | { kind: "platform" };

type InvitedRole = "organizer" | "editor" | "admin";

const roleOf = (scope: TeamScope): InvitedRole => (scope.kind === "award" ? "organizer" : scope.kind === "project" ? "editor" : "admin");

function columnsOf(scope: TeamScope) {
  return {
    award_id: scope.kind === "award" ? scope.awardId : null,
    book_project_id: scope.kind === "project" ? scope.projectId : null,
  };
}

const pgCode = (e: unknown) => (e as { code?: string }).code;

export interface InviteMail {
  origin: string;
  locale: Locale;
  /** The inviter's name, as the mail says who invites. */
  inviter: string;
}

/**
 * Invites an e-mail address to the team's role: one open invitation per address, role and scope (the
 * database refuses a second one), a hashed single-purpose token in the mailed link, audited. The role
 * starts when an account with this address is verified (claimRoleInvitations); nobody gets it by the link alone.
 */
export async function inviteToTeam(db: Db, actor: Actor, scope: TeamScope, email: string, mail: InviteMail): Promise<Outcome<string>> {
  const role = roleOf(scope);
  const columns = columnsOf(scope);
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome<string>> => {
      let member = trx
        .selectFrom("role_grant as g")
        .innerJoin("app_user as u", "u.id", "g.user_id")
        .select("g.id")
        .where("u.email", "=", email)
        .where("g.role", "=", role);
      if (columns.award_id) member = member.where("g.award_id", "=", columns.award_id);
      if (columns.book_project_id) member = member.where("g.book_project_id", "=", columns.book_project_id);
      if (await member.executeTakeFirst()) return refuse(409, "teams.errors.alreadyMember", { field: "email" });
      const { token, hash } = newToken();
      const row = await trx
        .insertInto("role_invitation")
        .values({
          email,
          role,
          ...columns,
          token_hash: hash,
          invited_by: actor.actorId,
          expires_at: sql<Date>`now() + make_interval(days => ${INVITATION_DAYS})`,
        })
        .returning(["id", "email", "role", "award_id", "book_project_id", "expires_at"])
        .executeTakeFirstOrThrow();
      await enqueueInvitationMail(trx, { to: email, role, scope, link: `${mail.origin}/uitnodiging?token=${token}`, ...mail });
      await writeAudit(trx, actor, { action: "role.invite", entityType: "role_invitation", entityId: row.id, after: row });
      return ok(row.id);
    });
  } catch (error) {
    if (pgCode(error) === "23505") return refuse(409, "teams.errors.alreadyInvited", { field: "email" });
    // The award or project is gone meanwhile.
    if (pgCode(error) === "23503") return refuse(404, "teams.errors.invitationNotFound");
    throw error;
  }
}

async function enqueueInvitationMail(
  trx: DbOrTrx,
  m: { to: string; role: InvitedRole; scope: TeamScope; link: string; locale: Locale; inviter: string },
): Promise<void> {
  const t = translator(m.locale);
  const params = {
    role: t(`teams.roles.${m.role}`),
    scope: m.scope.kind === "platform" ? t("roles.platform") : m.scope.name,
    inviter: m.inviter,
    link: m.link,
    days: INVITATION_DAYS,
  };
  const body = [t("accounts.mail.greeting"), t("teams.mail.invite.body", params), t("mail.signature")].join("\n\n");
  await trx
    .insertInto("outbox_email")
    .values({
      to_address: m.to,
      locale: m.locale,
      template: "teams.invite",
      subject: t("teams.mail.invite.subject", params),
      body_text: body,
    })
    .execute();
}

/** Revokes an open invitation of this team; another team's, a closed or an unknown one is not found (404). */
export async function revokeInvitation(db: Db, actor: Actor, scope: TeamScope, invitationId: string): Promise<Outcome> {
  if (!UUID.test(invitationId)) return refuse(404, "teams.errors.invitationNotFound");
  const columns = columnsOf(scope);
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const row = await trx
      .updateTable("role_invitation")
      .set({ revoked_at: sql`now()`, revoked_by: actor.actorId })
      .where("id", "=", invitationId)
      .where("role", "=", roleOf(scope))
      .where(sql<boolean>`coalesce(award_id, ${ZERO}::uuid) = coalesce(${columns.award_id}::uuid, ${ZERO}::uuid)`)
      .where(sql<boolean>`coalesce(book_project_id, ${ZERO}::uuid) = coalesce(${columns.book_project_id}::uuid, ${ZERO}::uuid)`)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .returning(["id", "email", "role", "award_id", "book_project_id"])
      .executeTakeFirst();
    if (!row) return refuse(404, "teams.errors.invitationNotFound");
    await writeAudit(trx, actor, { action: "role.invite.revoke", entityType: "role_invitation", entityId: row.id, before: row });
    return ok();
  });
}

/**
 * Revokes a member's role in this team (an award's organizer, a project's editor). The team's grants
 * are locked first, so two members removing each other cannot leave the team empty: the last one stays.
 */
export async function removeTeamMember(db: Db, actor: Actor, scope: TeamScope, grantId: string): Promise<Outcome> {
  if (scope.kind === "platform" || !UUID.test(grantId)) return refuse(404, "teams.errors.memberNotFound");
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    let team = trx.selectFrom("role_grant").select("id").where("role", "=", roleOf(scope));
    team = scope.kind === "award" ? team.where("award_id", "=", scope.awardId) : team.where("book_project_id", "=", scope.projectId);
    const grants = await team.forUpdate().execute();
    if (!grants.some((g) => g.id === grantId)) return refuse(404, "teams.errors.memberNotFound");
    if (grants.length === 1) return refuse(409, "teams.errors.lastMember");
    const removed = await trx
      .deleteFrom("role_grant")
      .where("id", "=", grantId)
      .returning(["id", "user_id", "role", "award_id", "edition_id", "book_project_id"])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: "role.revoke", entityType: "role_grant", entityId: removed.id, before: removed });
    return ok();
  });
}

/** Revokes an open jury invitation of one of this award's editions; others are not found (404). */
export async function revokeJuryInvite(db: Db, actor: Actor, awardId: string, inviteId: string): Promise<Outcome> {
  if (!UUID.test(inviteId)) return refuse(404, "teams.errors.invitationNotFound");
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const row = await trx
      .updateTable("jury_invite")
      .set({ revoked_at: sql`now()`, revoked_by: actor.actorId })
      .where("id", "=", inviteId)
      .where("edition_id", "in", trx.selectFrom("edition").select("id").where("award_id", "=", awardId))
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .returning(["id", "email", "edition_id"])
      .executeTakeFirst();
    if (!row) return refuse(404, "teams.errors.invitationNotFound");
    await writeAudit(trx, actor, { action: "jury.invite.revoke", entityType: "jury_invite", entityId: row.id, before: row });
    return ok();
  });
}

/** The team's members (by name) and its open, unexpired invitations. */
export async function listTeam(db: DbOrTrx, scope: TeamScope) {
  const role = roleOf(scope);
  let members = db
    .selectFrom("role_grant as g")
    .innerJoin("app_user as u", "u.id", "g.user_id")
    .select(["g.id", "g.user_id", "g.created_at", "u.name", "u.email"])
    .where("g.role", "=", role)
    .orderBy("u.name");
  if (scope.kind === "award") members = members.where("g.award_id", "=", scope.awardId);
  if (scope.kind === "project") members = members.where("g.book_project_id", "=", scope.projectId);
  let invitations = openInvitations(db).where("i.role", "=", role);
  if (scope.kind === "award") invitations = invitations.where("i.award_id", "=", scope.awardId);
  if (scope.kind === "project") invitations = invitations.where("i.book_project_id", "=", scope.projectId);
  const [m, i] = await Promise.all([members.execute(), invitations.execute()]);
  return { members: m, invitations: i };
}

function openInvitations(db: DbOrTrx) {
  return invitationRows(db)
    .where("i.accepted_at", "is", null)
    .where("i.revoked_at", "is", null)
    .where("i.expires_at", ">", sql<Date>`now()`)
    .orderBy("i.created_at", "desc");
}

function invitationRows(db: DbOrTrx) {
  return db
    .selectFrom("role_invitation as i")
    .leftJoin("app_user as by", "by.id", "i.invited_by")
    .leftJoin("award as a", "a.id", "i.award_id")
    .leftJoin("book_project as p", "p.id", "i.book_project_id")
    .select([
      "i.id",
      "i.email",
      "i.role",
      "i.created_at",
      "i.expires_at",
      "by.name as invited_by_name",
      "a.name_nl as award_nl",
      "a.name_en as award_en",
      "p.title_nl as project_nl",
      "p.title_en as project_en",
    ]);
}

function scopeName(
  r: { award_nl: string | null; award_en: string | null; project_nl: string | null; project_en: string | null },
  locale: Locale,
): string | null {
  if (r.award_nl) return pick(locale, r.award_nl, r.award_en ?? r.award_nl);
  if (r.project_nl) return pick(locale, r.project_nl, r.project_en ?? r.project_nl);
  return null;
}

/** Every open invitation on the platform, for the admin's roles page. */
export async function listOpenInvitations(db: DbOrTrx, locale: Locale) {
  const rows = await openInvitations(db).execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    scope: scopeName(r, locale),
    expiresAt: r.expires_at.toISOString(),
    invitedBy: r.invited_by_name,
  }));
}

/** The scope of an open invitation, for the admin's revoke button (which may revoke any). */
export async function scopeOfInvitation(db: DbOrTrx, invitationId: string): Promise<TeamScope | null> {
  if (!UUID.test(invitationId)) return null;
  const row = await db
    .selectFrom("role_invitation")
    .select(["role", "award_id", "book_project_id"])
    .where("id", "=", invitationId)
    .executeTakeFirst();
  if (!row) return null;
  if (row.award_id) return { kind: "award", awardId: row.award_id, name: "" };
  if (row.book_project_id) return { kind: "project", projectId: row.book_project_id, name: "" };
  return { kind: "platform" };
}

/** The editions of an award with their jury (members and open invitations), for the award's team page. */
export async function listAwardJuries(db: DbOrTrx, awardId: string) {
  const [editions, members, invites] = await Promise.all([
    db.selectFrom("edition").select(["id", "year"]).where("award_id", "=", awardId).orderBy("year", "desc").execute(),
    db
      .selectFrom("jury_member as m")
      .innerJoin("edition as e", "e.id", "m.edition_id")
      // A juror whose account was deleted keeps their seat, without a name or address.
      .leftJoin("app_user as u", "u.id", "m.user_id")
      .select(["m.edition_id", "m.user_id", "u.name", "u.email"])
      .where("e.award_id", "=", awardId)
      .orderBy("u.name")
      .orderBy("m.user_id")
      .execute(),
    db
      .selectFrom("jury_invite as i")
      .innerJoin("edition as e", "e.id", "i.edition_id")
      .select(["i.id", "i.edition_id", "i.email", "i.expires_at"])
      .where("e.award_id", "=", awardId)
      .where("i.accepted_at", "is", null)
      .where("i.revoked_at", "is", null)
      .where("i.expires_at", ">", sql<Date>`now()`)
      .orderBy("i.created_at", "desc")
      .execute(),
  ]);
  return editions.map((e) => ({
    id: e.id,
    year: e.year,
    members: members.filter((m) => m.edition_id === e.id).map((m) => ({ id: m.user_id, name: m.name, email: m.email })),
    invites: invites.filter((i) => i.edition_id === e.id).map((i) => ({ id: i.id, email: i.email, expiresAt: i.expires_at.toISOString() })),
  }));
}

/**
 * What the invitation page shows for a mailed token: an open invitation; or, to the person who already
 * accepted it (at verification or sign-in), that it is theirs; undefined otherwise (used, revoked, expired, unknown).
 */
export async function invitationByToken(db: DbOrTrx, token: string | null, locale: Locale, viewerId?: string) {
  if (!token || token.length < 20 || token.length > 200) return undefined;
  const open = await openInvitations(db).where("i.token_hash", "=", hashToken(token)).executeTakeFirst();
  const row =
    open ??
    (viewerId
      ? await invitationRows(db).where("i.token_hash", "=", hashToken(token)).where("i.accepted_by", "=", viewerId).executeTakeFirst()
      : undefined);
  if (!row) return undefined;
  return {
    email: row.email,
    role: row.role,
    scope: scopeName(row, locale),
    inviter: row.invited_by_name,
    expiresAt: row.expires_at.toISOString(),
    accepted: !open,
  };
}

/** The claim as a service: the signed-in person accepts what is open for their verified address (the invitation page). */
export async function acceptRoleInvitations(db: Db, user: { id: string; email: string }): Promise<Outcome<number>> {
  const count = await db.transaction().execute((trx) => claimRoleInvitations(trx, user));
  return count > 0 ? ok(count) : refuse(400, "teams.errors.nothingToClaim");
}
