import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import { isLocale, translator, type Locale } from "~/i18n/i18n";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { enqueueMail, type MailTemplate } from "~/modules/mail/outbox.server";
import { suggestAssignment, type MatchResult, type Rank } from "./matching";
import type { ProjectView } from "./project.server";
import { pgError } from "./proposal.server";
import { formatDate, pick, TIME_ZONE } from "~/lib/locale";
import { ok, refuse, type Outcome, type Refusal } from "~/lib/outcome";

/** A date in the recipient's language, Amsterdam time (or "the agreed date" when there is none). */
export function mailDate(locale: Locale, date: Date | null): string {
  if (!date) return translator(locale)("bookWriting.mail.noDue");
  return formatDate(locale, date);
}

/** Mails the author of a portrait (in their own language) through the outbox, inside the caller's transaction. */
export async function mailAuthor(
  trx: DbOrTrx,
  project: Pick<ProjectView, "slug" | "titleNl" | "titleEn">,
  author: { email: string; name: string; locale: string },
  template: MailTemplate,
  mail: { origin: string; proposalId: string; subject: string; params?: Record<string, string> },
) {
  const locale: Locale = isLocale(author.locale) ? author.locale : "nl";
  await enqueueMail(trx, {
    to: author.email,
    locale,
    template,
    name: author.name,
    link: `${mail.origin}/boek/${project.slug}/mijn-portretten/${mail.proposalId}`,
    params: { project: pick(locale, project.titleNl, project.titleEn), subject: mail.subject, ...(mail.params ?? {}) },
  });
}

// ── The editors' assignment board ────────────────────────────────────────────────────────────────

/** Every selected portrait with its claimants and current author; every author with room left. */
export async function assignmentBoard(db: DbOrTrx, project: ProjectView, locale: Locale) {
  const [portraits, claims, authors] = await Promise.all([
    db
      .selectFrom("book_proposal as b")
      .innerJoin("book_theme as t", "t.id", "b.theme_id")
      .leftJoin("book_assignment as a", "a.proposal_id", "b.id")
      .leftJoin("app_user as u", "u.id", "a.user_id")
      .select([
        "b.id",
        "b.name",
        "b.service_from",
        "b.service_to",
        "t.name_nl",
        "t.name_en",
        "a.proposal_id as assigned",
        "a.user_id as author_id",
        "u.name as author_name",
        "a.status",
        "a.due_at",
        sql<boolean>`exists (select 1 from book_manuscript_version v where v.proposal_id = b.id)`.as("has_text"),
      ])
      .where("b.project_id", "=", project.id)
      .where("b.status", "=", "selected")
      .orderBy("b.service_from")
      .orderBy("b.name")
      .orderBy("b.id")
      .execute(),
    db
      .selectFrom("book_claim as c")
      .innerJoin("app_user as u", "u.id", "c.user_id")
      .select(["c.proposal_id", "c.user_id", "c.rank", "c.motivation", "u.name"])
      .where("c.project_id", "=", project.id)
      .orderBy("c.rank")
      .orderBy("c.created_at")
      .orderBy("c.user_id")
      .execute(),
    db
      .selectFrom("book_author as a")
      .innerJoin("app_user as u", "u.id", "a.user_id")
      .select([
        "a.user_id",
        "u.name",
        "a.capacity",
        "a.created_at",
        sql<number>`(select count(*)::int from book_assignment s where s.project_id = a.project_id and s.user_id = a.user_id)`.as(
          "assigned",
        ),
      ])
      .where("a.project_id", "=", project.id)
      .orderBy("a.created_at")
      .orderBy("a.user_id")
      .execute(),
  ]);
  const remaining = new Map(authors.map((a) => [a.user_id, Math.max(0, a.capacity - a.assigned)]));
  return {
    portraits: portraits.map((p) => ({
      id: p.id,
      name: p.name,
      serviceFrom: p.service_from,
      serviceTo: p.service_to,
      theme: pick(locale, p.name_nl, p.name_en),
      // A finished portrait whose author deleted their account keeps its assignment, without an author (null id and name).
      author: p.assigned ? { id: p.author_id, name: p.author_name, status: p.status!, dueAt: p.due_at, hasText: p.has_text } : null,
      /** Text already written (kept when a departed author's portrait came back to the editors). */
      hasText: p.has_text,
      claims: claims
        .filter((c) => c.proposal_id === p.id)
        .map((c) => ({
          userId: c.user_id,
          name: c.name,
          rank: c.rank as Rank,
          motivation: c.motivation,
          remaining: remaining.get(c.user_id) ?? 0,
        })),
    })),
    authors: authors.map((a) => ({
      userId: a.user_id,
      name: a.name,
      capacity: a.capacity,
      assigned: a.assigned,
      remaining: remaining.get(a.user_id)!,
    })),
  };
}
export type AssignmentBoard = Awaited<ReturnType<typeof assignmentBoard>>;

/** The assistant's suggestion over the portraits without an author (see matching.ts). */
export function suggestionFor(board: AssignmentBoard): MatchResult & { fingerprint: string } {
  const result = suggestAssignment({
    portraits: board.portraits.filter((p) => !p.author).map((p) => p.id),
    authors: board.authors.map((a) => ({ userId: a.userId, remaining: a.remaining })),
    claims: board.portraits.flatMap((p) => p.claims.map((c) => ({ proposalId: p.id, userId: c.userId, rank: c.rank }))),
  });
  const fingerprint = createHash("sha256")
    .update(result.pairs.map((p) => `${p.proposalId}:${p.userId}`).join(","))
    .digest("hex")
    .slice(0, 32);
  return { ...result, fingerprint };
}

// ── Assigning ────────────────────────────────────────────────────────────────────────────────────

interface AssignMail {
  origin: string;
}

const amsterdam = (local: string) => sql<Date>`(${local}::timestamp at time zone ${sql.lit(TIME_ZONE)})`;

/** Inserts one assignment, mails the author and audits, inside the caller's transaction. Throws on constraint violations. */
async function insertAssignment(
  trx: DbOrTrx,
  actor: Actor,
  project: ProjectView,
  pair: { proposalId: string; userId: string; dueAt: string },
  mail: AssignMail,
  via: "manual" | "suggestion",
): Promise<Outcome> {
  const author = await trx
    .selectFrom("book_author as a")
    .innerJoin("app_user as u", "u.id", "a.user_id")
    .select(["u.email", "u.name", "u.locale"])
    .where("a.project_id", "=", project.id)
    .where("a.user_id", "=", pair.userId)
    .executeTakeFirst();
  // About the whole assignment: the board shows its refusals above the table.
  if (!author) return refuse(400, "bookWriting.errors.notAnAuthor");
  // Share-locked until commit: a deselection in progress is waited for, a later one waits for this.
  const proposal = await trx
    .selectFrom("book_proposal")
    .select(["name", "status"])
    .where("project_id", "=", project.id)
    .where("id", "=", pair.proposalId)
    .forShare()
    .executeTakeFirst();
  if (!proposal) return refuse(404, "bookWriting.errors.noSuchPortrait");
  if (proposal.status !== "selected") return refuse(409, "bookWriting.errors.notSelected");
  const row = await trx
    .insertInto("book_assignment")
    .values({
      proposal_id: pair.proposalId,
      project_id: project.id,
      user_id: pair.userId,
      due_at: pair.dueAt ? amsterdam(pair.dueAt) : project.draftsDueAt,
      assigned_by: actor.actorId,
    })
    .returning(["due_at"])
    .executeTakeFirstOrThrow();
  await mailAuthor(trx, project, author, "bookAssigned", {
    origin: mail.origin,
    proposalId: pair.proposalId,
    subject: proposal.name,
    params: { due: mailDate(isLocale(author.locale) ? author.locale : "nl", row.due_at) },
  });
  await writeAudit(trx, actor, {
    action: "book.assign",
    entityType: "book_proposal",
    entityId: pair.proposalId,
    after: { author: pair.userId, dueAt: row.due_at, via },
  });
  return ok();
}

function assignError(e: unknown): Refusal {
  const { code, constraint } = pgError(e);
  if (code === "23505") return refuse(409, "bookWriting.errors.alreadyAssigned");
  if (constraint === "book_author_cap") return refuse(409, "bookWriting.errors.authorFull");
  if (constraint === "book_assignment_selected") return refuse(409, "bookWriting.errors.notSelected");
  throw e;
}

/** One author for one portrait (the database refuses a second author and a full author). */
export async function assign(
  db: Db,
  actor: Actor,
  project: ProjectView,
  input: { proposalId: string; userId: string; dueAt: string },
  mail: AssignMail,
): Promise<Outcome> {
  try {
    return await db.transaction().execute(async (trx) => {
      const r = await insertAssignment(trx, actor, project, input, mail, "manual");
      if (!r.ok) throw new Refused(r);
      return r;
    });
  } catch (e) {
    if (e instanceof Refused) return e.result;
    return assignError(e);
  }
}

/** A refusal that rolls the transaction back. */
class Refused extends Error {
  constructor(readonly result: Refusal) {
    super("refused");
  }
}

/**
 * Applies the assistant's suggestion as the editor saw it (the fingerprint): every suggested pair is
 * assigned in one transaction, or none when anything changed or a constraint refuses one. Succeeds
 * with the number of portraits assigned.
 */
export async function applySuggestion(
  db: Db,
  actor: Actor,
  project: ProjectView,
  fingerprint: string,
  mail: AssignMail,
  locale: Locale,
): Promise<Outcome<number>> {
  try {
    return await db.transaction().execute(async (trx) => {
      const suggestion = suggestionFor(await assignmentBoard(trx, project, locale));
      if (suggestion.fingerprint !== fingerprint) throw new Refused(refuse(409, "bookWriting.errors.suggestionChanged"));
      if (!suggestion.pairs.length) throw new Refused(refuse(409, "bookWriting.errors.nothingToSuggest"));
      for (const p of suggestion.pairs) {
        const r = await insertAssignment(
          trx,
          actor,
          project,
          { proposalId: p.proposalId, userId: p.userId, dueAt: "" },
          mail,
          "suggestion",
        );
        if (!r.ok) throw new Refused(r);
      }
      return ok(suggestion.pairs.length);
    });
  } catch (e) {
    if (e instanceof Refused) return e.result;
    return assignError(e);
  }
}

/** Takes a portrait back from its author, only before any text was saved. Audited. */
export async function unassign(db: Db, actor: Actor, project: ProjectView, proposalId: string): Promise<Outcome> {
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome> => {
      const row = await trx
        .deleteFrom("book_assignment as a")
        .where("a.project_id", "=", project.id)
        .where("a.proposal_id", "=", proposalId)
        .where("a.status", "=", "assigned")
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom("book_manuscript_version as v").select("v.id").whereRef("v.proposal_id", "=", "a.proposal_id"))),
        )
        .returning(["a.user_id", "a.due_at"])
        .executeTakeFirst();
      if (!row) {
        const exists = await trx
          .selectFrom("book_assignment")
          .select("proposal_id")
          .where("project_id", "=", project.id)
          .where("proposal_id", "=", proposalId)
          .executeTakeFirst();
        return exists ? refuse(409, "bookWriting.errors.cannotUnassign") : refuse(404, "bookWriting.errors.noSuchPortrait");
      }
      await writeAudit(trx, actor, {
        action: "book.unassign",
        entityType: "book_proposal",
        entityId: proposalId,
        before: { author: row.user_id, dueAt: row.due_at },
      });
      return ok();
    });
  } catch (e) {
    // A version saved at the same moment keeps the assignment (foreign key).
    if (pgError(e).code === "23503") return refuse(409, "bookWriting.errors.cannotUnassign");
    throw e;
  }
}

// ── An author leaves (their account is deleted) ──────────────────────────────────────────────────

/**
 * The portraits of an author whose account is being deleted, in the caller's transaction (before the
 * account row goes): every portrait still in progress is released — its assignment ends, the editors
 * get it back on their board, and what was written stays with the portrait (the versions refer to the
 * portrait, and lose their writer with the account); a finished (final) portrait keeps its assignment
 * and loses only its author with the account (PostgreSQL allows that for final ones only). Each release
 * is audited. Answers the released portraits per project, with that project's editors to tell.
 */
export async function releaseAuthorPortraits(trx: DbOrTrx, actor: Actor, userId: string) {
  // The author's profiles first (an assignment made meanwhile waits for them), then their portraits
  // (an editor's step on a finished one waits until the author is gone).
  await trx.selectFrom("book_author").select("project_id").where("user_id", "=", userId).forUpdate().execute();
  await trx.selectFrom("book_assignment").select("proposal_id").where("user_id", "=", userId).forUpdate().execute();
  const released = await trx
    .deleteFrom("book_assignment as a")
    .where("a.user_id", "=", userId)
    .where("a.status", "<>", "final")
    .returning([
      "a.proposal_id",
      "a.project_id",
      "a.status",
      sql<boolean>`exists (select 1 from book_manuscript_version v where v.proposal_id = a.proposal_id)`.as("written"),
    ])
    .execute();
  for (const r of released)
    await writeAudit(trx, actor, {
      action: "book.unassign",
      entityType: "book_proposal",
      entityId: r.proposal_id,
      after: { reason: "account.deleted", status: r.status, textKept: r.written },
    });
  const projects = [...new Set(released.map((r) => r.project_id))];
  if (!projects.length) return [];
  const [names, editors] = await Promise.all([
    trx
      .selectFrom("book_proposal as b")
      .innerJoin("book_project as p", "p.id", "b.project_id")
      .select(["b.id", "b.name", "p.slug", "p.title_nl", "p.title_en"])
      .where(
        "b.id",
        "in",
        released.map((r) => r.proposal_id),
      )
      .orderBy("b.name")
      .execute(),
    trx
      .selectFrom("role_grant as g")
      .innerJoin("app_user as u", "u.id", "g.user_id")
      .select(["g.book_project_id", "u.email", "u.name", "u.locale"])
      .where("g.role", "=", "editor")
      .where("g.book_project_id", "in", projects)
      .where("g.user_id", "<>", userId)
      .execute(),
  ]);
  return projects.map((projectId) => {
    const portraits = names.filter((n) => released.some((r) => r.proposal_id === n.id && r.project_id === projectId));
    return {
      projectId,
      slug: portraits[0]!.slug,
      title: { nl: portraits[0]!.title_nl, en: portraits[0]!.title_en },
      portraits: portraits.map((p) => p.name),
      editors: editors.filter((e) => e.book_project_id === projectId),
    };
  });
}
