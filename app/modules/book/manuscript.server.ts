import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import { isLocale, type Locale } from "~/i18n/i18n";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { hit, reset } from "~/modules/rate-limit/rate-limit.server";
import { mailAuthor, mailDate } from "./assignment.server";
import { MANUSCRIPT_MAX, normalizeText, textLength, type EditorAction, type ManuscriptStatusName } from "./manuscript.schema";
import type { ProjectView } from "./project.server";
import { pgError } from "./proposal.server";
import { countWords, lengthVerdict } from "./words";
import { pick } from "~/lib/locale";
import { ok, refuse, type Outcome, type Refusal } from "~/lib/outcome";

const flowError = (e: unknown): Refusal => {
  const { code, constraint } = pgError(e);
  if (constraint === "book_manuscript_flow") return refuse(409, "bookWriting.errors.statusFlow");
  // Any other check the database still makes (the forms check first) is a 400, never a 500.
  if (code === "23514") return refuse(400, "bookWriting.errors.notSaved");
  throw e;
};

/** A refusal that rolls the transaction back. */
class Refused extends Error {
  constructor(readonly result: Refusal) {
    super("refused");
  }
}

/** Runs the work in a transaction that a refusal rolls back; the database's flow checks answer as refusals. */
async function inTransaction<T>(db: Db, work: (trx: DbOrTrx) => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await db.transaction().execute(async (trx) => {
      const r = await work(trx);
      if (!r.ok) throw new Refused(r);
      return r;
    });
  } catch (e) {
    if (e instanceof Refused) return e.result;
    return flowError(e);
  }
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────

/** The words of a portrait's latest version (null before the first), as column "words". */
const latestWords = (proposalId: "a.proposal_id" | "b.id") =>
  sql<number | null>`(select v.word_count from book_manuscript_version v
    where v.proposal_id = ${sql.ref(proposalId)} order by v.version desc limit 1)`.as("words");

/** The signed-in author's portraits: subject, status, due date, words of the latest version. */
export async function myAssignments(db: DbOrTrx, projectId: string, userId: string) {
  return db
    .selectFrom("book_assignment as a")
    .innerJoin("book_proposal as b", "b.id", "a.proposal_id")
    .select(["a.proposal_id", "b.name", "a.status", "a.due_at", "a.published_at", latestWords("a.proposal_id")])
    .where("a.project_id", "=", projectId)
    .where("a.user_id", "=", userId)
    .orderBy("b.name")
    .execute();
}

/**
 * One portrait's assignment with subject, author, versions (newest first) and comments; undefined when
 * absent. A finished portrait whose author deleted their account has no author (authorId and authorName null).
 */
export async function loadManuscript(db: DbOrTrx, projectId: string, proposalId: string, locale: Locale) {
  const a = await db
    .selectFrom("book_assignment as a")
    .innerJoin("book_proposal as b", "b.id", "a.proposal_id")
    .innerJoin("book_theme as t", "t.id", "b.theme_id")
    .leftJoin("app_user as u", "u.id", "a.user_id")
    .select([
      "a.proposal_id",
      "a.user_id",
      "a.status",
      "a.due_at",
      "a.published_at",
      "a.reminded_at",
      "a.status_changed_at",
      "b.name",
      "b.role",
      "b.organisation",
      "b.service_from",
      "b.service_to",
      "t.name_nl",
      "t.name_en",
      "u.name as author_name",
    ])
    .where("a.project_id", "=", projectId)
    .where("a.proposal_id", "=", proposalId)
    .executeTakeFirst();
  if (!a) return undefined;
  // Bodies are up to 100,000 characters each: only the latest is loaded here (see versionBodies).
  const [versions, latest, comments] = await Promise.all([
    db
      .selectFrom("book_manuscript_version")
      .select(["id", "version", "word_count", "submitted", "created_at"])
      .where("proposal_id", "=", proposalId)
      .orderBy("version", "desc")
      .execute(),
    db
      .selectFrom("book_manuscript_version")
      .select("body")
      .where("proposal_id", "=", proposalId)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom("book_manuscript_comment as c")
      .innerJoin("book_manuscript_version as v", "v.id", "c.version_id")
      .leftJoin("app_user as u", "u.id", "c.author_id")
      .select(["c.id", "c.version_id", "v.version", "c.body", "c.created_at", "u.name as author_name"])
      .where("v.proposal_id", "=", proposalId)
      .orderBy("c.created_at")
      .orderBy("c.id")
      .execute(),
  ]);
  return {
    proposalId: a.proposal_id,
    authorId: a.user_id,
    authorName: a.author_name,
    status: a.status as ManuscriptStatusName,
    dueAt: a.due_at,
    publishedAt: a.published_at,
    remindedAt: a.reminded_at,
    subject: a.name,
    role: a.role,
    organisation: a.organisation,
    serviceFrom: a.service_from,
    serviceTo: a.service_to,
    theme: pick(locale, a.name_nl, a.name_en),
    versions,
    /** The text of the newest version ("" when there is none). */
    latestBody: latest?.body ?? "",
    comments,
  };
}
export type Manuscript = NonNullable<Awaited<ReturnType<typeof loadManuscript>>>;

/** What both manuscript pages (the author's and the editors') say about the portrait, dates as ISO text. */
export function manuscriptSummary(m: Manuscript) {
  return {
    proposalId: m.proposalId,
    subject: m.subject,
    role: m.role,
    organisation: m.organisation,
    serviceFrom: m.serviceFrom,
    serviceTo: m.serviceTo,
    theme: m.theme,
    status: m.status,
    dueAt: m.dueAt?.toISOString() ?? null,
  };
}

/** A manuscript's versions and comments as its pages show them (the author's and the editors'), dates as ISO text. */
export function manuscriptHistory(m: Manuscript) {
  return {
    versions: m.versions.map((v) => ({
      id: v.id,
      version: v.version,
      word_count: v.word_count,
      submitted: v.submitted,
      created_at: v.created_at.toISOString(),
    })),
    comments: m.comments.map((c) => ({
      id: c.id,
      version_id: c.version_id,
      body: c.body,
      created_at: c.created_at.toISOString(),
      author_name: c.author_name,
    })),
  };
}

/** The texts of some versions of one portrait, by version number. */
export async function versionBodies(db: DbOrTrx, proposalId: string, versions: number[]): Promise<Map<number, string>> {
  if (!versions.length) return new Map();
  const rows = await db
    .selectFrom("book_manuscript_version")
    .select(["version", "body"])
    .where("proposal_id", "=", proposalId)
    .where("version", "in", versions)
    .execute();
  return new Map(rows.map((r) => [r.version, r.body]));
}

// ── The author's text ────────────────────────────────────────────────────────────────────────────

/**
 * Saves the author's text as a new version when it changed (only while assigned or returned), and
 * with intent "submit" hands it in: the text must be within the project's word range. Versions are
 * append-only, so a submission of unchanged text that was saved before is recorded as a new version
 * marked submitted (same text).
 */
export async function saveManuscript(
  db: Db,
  actor: Actor,
  project: ProjectView,
  proposalId: string,
  userId: string,
  rawBody: string,
  intent: "save" | "submit",
): Promise<Outcome<{ saved: boolean }>> {
  const body = normalizeText(rawBody);
  if (textLength(body) > MANUSCRIPT_MAX) return refuse(400, "bookWriting.errors.textLong", { field: "body" });
  const words = countWords(body);
  if (intent === "submit") {
    if (body.trim() === "") return refuse(400, "bookWriting.errors.emptyText", { field: "body" });
    const verdict = lengthVerdict(words, project.wordsMin, project.wordsMax);
    if (verdict !== "ok")
      return refuse(400, `bookWriting.errors.${verdict}`, { field: "body", params: { min: project.wordsMin, max: project.wordsMax } });
  }
  let saved = false;
  const result = await inTransaction(db, async (trx): Promise<Outcome> => {
    const a = await trx
      .selectFrom("book_assignment")
      .select(["status", "user_id"])
      .where("project_id", "=", project.id)
      .where("proposal_id", "=", proposalId)
      .forUpdate()
      .executeTakeFirst();
    if (!a || a.user_id !== userId) return refuse(404, "bookWriting.errors.noSuchPortrait");
    if (a.status !== "assigned" && a.status !== "returned") return refuse(409, "bookWriting.errors.notEditable");
    const latest = await trx
      .selectFrom("book_manuscript_version")
      .select(["version", "body", "submitted"])
      .where("proposal_id", "=", proposalId)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst();
    const changed = !latest || latest.body !== body;
    if (!changed && intent === "save") return ok();
    if (!latest && body.trim() === "") return ok();
    let version = latest?.version ?? 0;
    if (changed) {
      version += 1;
      await trx
        .insertInto("book_manuscript_version")
        .values({ proposal_id: proposalId, version, author_id: userId, body, word_count: words, submitted: intent === "submit" })
        .execute();
      saved = true;
    } else if (!latest!.submitted) {
      // The text the author saved is the one submitted: mark that version (the only change a version allows).
      await trx
        .updateTable("book_manuscript_version")
        .set({ submitted: true })
        .where("proposal_id", "=", proposalId)
        .where("version", "=", version)
        .execute();
    }
    if (intent === "submit") {
      await trx.updateTable("book_assignment").set({ status: "submitted" }).where("proposal_id", "=", proposalId).execute();
      await writeAudit(trx, actor, {
        action: "book.manuscript.submit",
        entityType: "book_proposal",
        entityId: proposalId,
        after: { version, words },
      });
    }
    return ok();
  });
  return result.ok ? ok({ saved }) : result;
}

// ── Editors ──────────────────────────────────────────────────────────────────────────────────────

interface EditorMail {
  origin: string;
}

/** The portrait's assignment, locked, with its author's address (null: a finished portrait whose author left). */
async function lockAssignment(trx: DbOrTrx, projectId: string, proposalId: string) {
  return trx
    .selectFrom("book_assignment as a")
    .innerJoin("book_proposal as b", "b.id", "a.proposal_id")
    .leftJoin("app_user as u", "u.id", "a.user_id")
    .select(["a.status", "a.published_at", "a.due_at", "b.name as subject", "u.email", "u.name", "u.locale"])
    .where("a.project_id", "=", projectId)
    .where("a.proposal_id", "=", proposalId)
    .forUpdate("a")
    .executeTakeFirst();
}

const NEXT: Record<Exclude<EditorAction, "publish" | "unpublish">, ManuscriptStatusName> = {
  startEdit: "in_edit",
  makeFinal: "final",
  reopen: "in_edit",
};

/** Start editing, make final, reopen, publish, unpublish. The database enforces the status flow. Audited. */
export async function editorAction(
  db: Db,
  actor: Actor,
  project: ProjectView,
  proposalId: string,
  action: EditorAction,
  mail: EditorMail,
): Promise<Outcome> {
  return inTransaction(db, async (trx): Promise<Outcome> => {
    const a = await lockAssignment(trx, project.id, proposalId);
    if (!a) return refuse(404, "bookWriting.errors.noSuchPortrait");
    const before = { status: a.status, publishedAt: a.published_at };
    if (action === "publish" || action === "unpublish") {
      if (action === "publish" && (a.status !== "final" || a.published_at)) return refuse(409, "bookWriting.errors.publishFinalOnly");
      if (action === "unpublish" && !a.published_at) return refuse(409, "bookWriting.errors.notPublished");
      await trx
        .updateTable("book_assignment")
        .set({ published_at: action === "publish" ? sql<Date>`now()` : null })
        .where("proposal_id", "=", proposalId)
        .execute();
    } else {
      // "reopen" is only for final portraits; the other two must come from the flow (the trigger judges).
      if (action === "reopen" && a.status !== "final") return refuse(409, "bookWriting.errors.statusFlow");
      // Without an author (their account was deleted) a portrait can only stay finished.
      if (action === "reopen" && a.email === null) return refuse(409, "departed.reopenNoAuthor");
      if (action === "makeFinal" && a.status === "final") return refuse(409, "bookWriting.errors.statusFlow");
      if (action === "startEdit" && a.status === "in_edit") return refuse(409, "bookWriting.errors.statusFlow");
      await trx.updateTable("book_assignment").set({ status: NEXT[action] }).where("proposal_id", "=", proposalId).execute();
      if (action === "makeFinal" && a.email !== null && a.name !== null) {
        await mailAuthor(trx, project, { email: a.email, name: a.name, locale: a.locale ?? "nl" }, "manuscriptFinal", {
          origin: mail.origin,
          proposalId,
          subject: a.subject,
        });
      }
    }
    const after = await trx
      .selectFrom("book_assignment")
      .select(["status", "published_at"])
      .where("proposal_id", "=", proposalId)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: `book.manuscript.${action}`,
      entityType: "book_proposal",
      entityId: proposalId,
      before,
      after: { status: after.status, publishedAt: after.published_at },
    });
    return ok();
  });
}

/** Returns the portrait to its author with a comment on the latest version; the author is mailed. Audited. */
export async function returnToAuthor(
  db: Db,
  actor: Actor,
  project: ProjectView,
  proposalId: string,
  comment: string,
  mail: EditorMail,
): Promise<Outcome> {
  return inTransaction(db, async (trx): Promise<Outcome> => {
    const a = await lockAssignment(trx, project.id, proposalId);
    if (!a) return refuse(404, "bookWriting.errors.noSuchPortrait");
    if (a.status !== "submitted" && a.status !== "in_edit") return refuse(409, "bookWriting.errors.statusFlow");
    if (a.email === null || a.name === null) return refuse(409, "departed.reopenNoAuthor");
    const latest = await trx
      .selectFrom("book_manuscript_version")
      .select(["id", "version"])
      .where("proposal_id", "=", proposalId)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!latest) return refuse(409, "bookWriting.errors.statusFlow");
    await trx.insertInto("book_manuscript_comment").values({ version_id: latest.id, author_id: actor.actorId, body: comment }).execute();
    await trx.updateTable("book_assignment").set({ status: "returned" }).where("proposal_id", "=", proposalId).execute();
    await mailAuthor(trx, project, { email: a.email, name: a.name, locale: a.locale ?? "nl" }, "manuscriptReturned", {
      origin: mail.origin,
      proposalId,
      subject: a.subject,
      params: { comment },
    });
    await writeAudit(trx, actor, {
      action: "book.manuscript.return",
      entityType: "book_proposal",
      entityId: proposalId,
      before: { status: a.status },
      after: { status: "returned", version: latest.version },
    });
    return ok();
  });
}

/** An editor's comment on one version of this portrait. Audited. */
export async function commentOnVersion(
  db: Db,
  actor: Actor,
  project: ProjectView,
  proposalId: string,
  versionId: string,
  body: string,
): Promise<Outcome> {
  return inTransaction(db, async (trx): Promise<Outcome> => {
    const v = await trx
      .selectFrom("book_manuscript_version as v")
      .innerJoin("book_assignment as a", "a.proposal_id", "v.proposal_id")
      .select(["v.id", "v.version"])
      .where("a.project_id", "=", project.id)
      .where("v.proposal_id", "=", proposalId)
      .where("v.id", "=", versionId)
      .executeTakeFirst();
    if (!v) return refuse(400, "bookWriting.errors.noSuchVersion", { field: "versionId" });
    const row = await trx
      .insertInto("book_manuscript_comment")
      .values({ version_id: v.id, author_id: actor.actorId, body })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: "book.manuscript.comment",
      entityType: "book_proposal",
      entityId: proposalId,
      after: { version: v.version, comment: row.id },
    });
    return ok();
  });
}

// ── Overview and reminders ───────────────────────────────────────────────────────────────────────

/**
 * Late while the text is with its author (by the database clock): assigned or returned, past the due
 * date or the project's final date. Only these authors can be reminded.
 */
const authorLateSql = sql<boolean>`coalesce(
  a.status in ('assigned', 'returned') and (a.due_at < now() or p.final_due_at < now()), false)`;
/** Late while the text is with the editors: submitted or in edit past the project's final date. */
const editorsLateSql = sql<boolean>`coalesce(a.status in ('submitted', 'in_edit') and p.final_due_at < now(), false)`;
/** Overdue: not final and late, whoever has the text (also the manuscripts export's rule). */
export const overdueSql = sql<boolean>`(${authorLateSql} or ${editorsLateSql})`;

export interface OverviewFilter {
  status?: ManuscriptStatusName | "none";
  overdue?: boolean;
}

/**
 * Every selected portrait of the project in order of service, with its assignment and author if any,
 * and the words of its latest version (the editors' overview and the manuscripts export).
 */
export function selectedPortraits(db: DbOrTrx, projectId: string) {
  return db
    .selectFrom("book_proposal as b")
    .innerJoin("book_project as p", "p.id", "b.project_id")
    .innerJoin("book_theme as t", "t.id", "b.theme_id")
    .leftJoin("book_assignment as a", "a.proposal_id", "b.id")
    .leftJoin("app_user as u", "u.id", "a.user_id")
    .select(["b.id", "b.name", "t.name_nl", "t.name_en", "u.name as author", "a.status", "a.due_at", "a.published_at", latestWords("b.id")])
    .where("b.project_id", "=", projectId)
    .where("b.status", "=", "selected")
    .orderBy("b.service_from")
    .orderBy("b.name")
    .orderBy("b.id");
}

/** Every selected portrait with author, status, due date, words of the latest version and whether it is overdue. */
export async function manuscriptOverview(db: DbOrTrx, project: ProjectView, filter: OverviewFilter, locale: Locale) {
  let q = selectedPortraits(db, project.id).select([
    "a.reminded_at",
    sql<boolean>`a.proposal_id is not null and ${authorLateSql}`.as("author_late"),
    sql<boolean>`a.proposal_id is not null and ${editorsLateSql}`.as("editors_late"),
  ]);
  if (filter.status === "none") q = q.where("a.proposal_id", "is", null);
  else if (filter.status) q = q.where("a.status", "=", filter.status);
  if (filter.overdue) q = q.where("a.proposal_id", "is not", null).where(overdueSql);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    theme: pick(locale, r.name_nl, r.name_en),
    author: r.author,
    status: r.status as ManuscriptStatusName | null,
    dueAt: r.due_at,
    publishedAt: r.published_at,
    remindedAt: r.reminded_at,
    words: r.words,
    overdue: r.author_late || r.editors_late,
    /** Late with the author: a reminder can be sent. */
    authorLate: r.author_late,
    /** Late with the editors: nothing to remind the author of. */
    editorsLate: r.editors_late,
  }));
}

/**
 * Mails the author of a portrait that is late while with them (assigned or returned) a reminder and
 * notes when. One reminder per portrait per period (429 before then; a refused reminder sent nothing,
 * so it does not count). A text with the editors is refused. Audited.
 */
export async function remindAuthor(db: Db, actor: Actor, project: ProjectView, proposalId: string, mail: EditorMail): Promise<Outcome> {
  const key = `${project.id}/${proposalId}`;
  const wait = await hit("bookReminder", key);
  if (wait > 0) return refuse(429, "bookWriting.errors.remindedRecently", { params: { hours: Math.ceil(wait / 3600) }, retryAfter: wait });
  const outcome = await sendReminder(db, actor, project, proposalId, mail);
  if (!outcome.ok) await reset("bookReminder", key);
  return outcome;
}

function sendReminder(db: Db, actor: Actor, project: ProjectView, proposalId: string, mail: EditorMail): Promise<Outcome> {
  return inTransaction(db, async (trx): Promise<Outcome> => {
    const a = await trx
      .selectFrom("book_assignment as a")
      .innerJoin("book_project as p", "p.id", "a.project_id")
      .innerJoin("book_proposal as b", "b.id", "a.proposal_id")
      .innerJoin("app_user as u", "u.id", "a.user_id")
      .select([
        "a.user_id",
        "a.due_at",
        "p.final_due_at",
        "a.status",
        "b.name as subject",
        "u.email",
        "u.name",
        "u.locale",
        authorLateSql.as("author_late"),
        editorsLateSql.as("editors_late"),
      ])
      .where("a.project_id", "=", project.id)
      .where("a.proposal_id", "=", proposalId)
      .forUpdate("a")
      .executeTakeFirst();
    if (!a) return refuse(404, "bookWriting.errors.noSuchPortrait");
    if (a.editors_late) return refuse(409, "bookWriting.errors.withEditors");
    if (!a.author_late) return refuse(409, "bookWriting.errors.notOverdue");
    const locale: Locale = isLocale(a.locale) ? a.locale : "nl";
    // The date the author missed: the earlier of their due date and the project's final date.
    const dates = [a.due_at, a.final_due_at].filter((d): d is Date => d !== null).map((d) => d.getTime());
    const due = dates.length ? new Date(Math.min(...dates)) : null;
    await mailAuthor(trx, project, a, "manuscriptReminder", {
      origin: mail.origin,
      proposalId,
      subject: a.subject,
      params: { due: mailDate(locale, due) },
    });
    await trx
      .updateTable("book_assignment")
      .set({ reminded_at: sql<Date>`now()` })
      .where("proposal_id", "=", proposalId)
      .execute();
    await writeAudit(trx, actor, {
      action: "book.manuscript.remind",
      entityType: "book_proposal",
      entityId: proposalId,
      after: { author: a.user_id },
    });
    return ok();
  });
}
