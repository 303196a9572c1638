import { overdueSql, selectedPortraits } from "~/modules/book/manuscript.server";
import { subjectColumns, subjectOf } from "~/modules/book/subject.server";
import type { TFunction } from "i18next";
import { sql } from "kysely";
import type { DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import type { ProjectView } from "~/modules/book/project.server";
import type { Cell } from "./cells";
import type { ExportColumn, ExportSpec } from "./writers.server";
import { pick } from "~/lib/locale";

// Book-project exports for the project's editors: proposals, authors, portraits (manuscript
// statuses). They hold what editors see in the app and nothing more: people by name (never an
// e-mail address), endorsements as counts only (editors never see who endorsed), manuscripts as
// status, dates and counts (never their text). Rows are read with a cursor and streamed.

export const BOOK_DATASETS = ["voordrachten", "auteurs", "manuscripten"] as const;
export type BookDataset = (typeof BOOK_DATASETS)[number];

function columns(t: TFunction, keys: string[]): ExportColumn[] {
  return keys.map((key) => ({ key, header: t(`bookExports.columns.${key}`) }));
}

/** Every proposal of the project (all statuses), oldest first, with counts taken from the rows. */
function proposals(db: DbOrTrx, project: ProjectView, t: TFunction, locale: Locale): Omit<ExportSpec, "filename" | "sheet"> {
  async function* rows(): AsyncIterable<Record<string, Cell>> {
    const stream = db
      .selectFrom("book_proposal as b")
      .innerJoin("book_theme as t", "t.id", "b.theme_id")
      .leftJoin("app_user as u", "u.id", "b.proposer_id")
      .leftJoin("book_proposal as m", "m.id", "b.merged_into_id")
      .select([
        ...subjectColumns("b"),
        "b.status",
        "t.name_nl",
        "t.name_en",
        "b.motivation",
        "b.rejection_reason",
        "b.created_at",
        "b.status_changed_at",
        "u.name as proposer",
        "m.name as merged_into",
        sql<number>`(select count(*)::int from book_endorsement e where e.proposal_id = b.id)`.as("endorsements"),
        sql<number>`(select count(*)::int from book_comment c where c.proposal_id = b.id)`.as("comments"),
        sql<string | null>`(select string_agg(s.title || ' <' || s.url || '>', ' | ' order by s.position, s.id)
          from book_source s where s.proposal_id = b.id)`.as("sources"),
      ])
      .where("b.project_id", "=", project.id)
      .orderBy("b.created_at")
      .orderBy("b.id")
      .stream(500);
    for await (const r of stream) {
      yield {
        ...subjectOf(r),
        status: t(`bookProposals.status.${r.status}`),
        theme: pick(locale, r.name_nl, r.name_en),
        motivation: r.motivation,
        sources: r.sources ?? "",
        endorsements: r.endorsements,
        comments: r.comments,
        proposer: r.proposer,
        createdAt: r.created_at,
        statusChangedAt: r.status_changed_at,
        rejectionReason: r.rejection_reason,
        mergedInto: r.merged_into,
      };
    }
  }
  return {
    columns: columns(t, [
      "id",
      "name",
      "status",
      "theme",
      "birthYear",
      "deathYear",
      "serviceFrom",
      "serviceTo",
      "organisation",
      "role",
      "motivation",
      "sources",
      "endorsements",
      "comments",
      "proposer",
      "createdAt",
      "statusChangedAt",
      "rejectionReason",
      "mergedInto",
    ]),
    rows: rows(),
  };
}

/**
 * One row per author (so the row count is the author count): claims and assignments are joined
 * into one cell each, separated by " | " ("1. Subject — motivation | 2. …", "Subject — status | …"),
 * with their counts in columns of their own. Not by line breaks: a spreadsheet that misreads a quoted
 * line break would open one author as several rows (issue #15, ADR 0019).
 */
const LIST_SEPARATOR = " | ";
function authors(db: DbOrTrx, project: ProjectView, t: TFunction): Omit<ExportSpec, "filename" | "sheet"> {
  const themeName = new Map(project.themes.map((th) => [th.id, th.name]));
  async function* rows(): AsyncIterable<Record<string, Cell>> {
    const stream = db
      .selectFrom("book_author as a")
      .innerJoin("app_user as u", "u.id", "a.user_id")
      .select([
        "a.user_id",
        "u.name",
        "a.bio",
        "a.theme_ids",
        "a.period_from",
        "a.period_to",
        "a.writing_url",
        "a.capacity",
        "a.availability",
        "a.created_at",
        sql<Array<{ rank: number; name: string; motivation: string }>>`(select coalesce(json_agg(json_build_object(
            'rank', c.rank, 'name', b.name, 'motivation', c.motivation) order by c.rank), '[]')
          from book_claim c join book_proposal b on b.id = c.proposal_id
          where c.project_id = a.project_id and c.user_id = a.user_id)`.as("claims"),
        sql<Array<{ name: string; status: string }>>`(select coalesce(json_agg(json_build_object(
            'name', b.name, 'status', s.status) order by b.name, b.id), '[]')
          from book_assignment s join book_proposal b on b.id = s.proposal_id
          where s.project_id = a.project_id and s.user_id = a.user_id)`.as("assignments"),
      ])
      .where("a.project_id", "=", project.id)
      .orderBy("u.name")
      .orderBy("a.user_id")
      .stream(200);
    for await (const r of stream) {
      yield {
        author: r.name,
        bio: r.bio,
        expertise: r.theme_ids
          .map((id) => themeName.get(id))
          .filter((n): n is string => Boolean(n))
          .join(", "),
        periodFrom: r.period_from,
        periodTo: r.period_to,
        writingUrl: r.writing_url,
        capacity: r.capacity,
        availability: r.availability,
        assigned: r.assignments.length,
        assignments: r.assignments.map((s) => `${s.name} — ${t(`bookWriting.status.${s.status}`)}`).join(LIST_SEPARATOR),
        claimCount: r.claims.length,
        claims: r.claims.map((c) => `${c.rank}. ${c.name}${c.motivation ? ` — ${c.motivation}` : ""}`).join(LIST_SEPARATOR),
        signedUpAt: r.created_at,
      };
    }
  }
  return {
    columns: columns(t, [
      "author",
      "bio",
      "expertise",
      "periodFrom",
      "periodTo",
      "writingUrl",
      "capacity",
      "availability",
      "assigned",
      "assignments",
      "claimCount",
      "claims",
      "signedUpAt",
    ]),
    rows: rows(),
  };
}

/** Every selected portrait with its assignment (if any): status, dates and counts, never the text. */
function manuscripts(db: DbOrTrx, project: ProjectView, t: TFunction, locale: Locale): Omit<ExportSpec, "filename" | "sheet"> {
  async function* rows(): AsyncIterable<Record<string, Cell>> {
    const stream = selectedPortraits(db, project.id)
      .select([
        // The editors' overview's rule: late with the author or with the editors.
        sql<boolean>`a.proposal_id is not null and ${overdueSql}`.as("overdue"),
        sql<number>`(select count(*)::int from book_manuscript_version v where v.proposal_id = b.id)`.as("versions"),
        sql<Date | null>`(select max(v.created_at) from book_manuscript_version v
          where v.proposal_id = b.id and v.submitted)`.as("submitted_at"),
      ])
      .stream(500);
    for await (const r of stream) {
      yield {
        id: r.id,
        subject: r.name,
        theme: pick(locale, r.name_nl, r.name_en),
        // An assignment without an author: a finished portrait whose author deleted their account.
        author: r.author ?? (r.status ? t("departed.member") : null),
        status: t(`bookWriting.status.${r.status ?? "none"}`),
        dueAt: r.due_at,
        overdue: Boolean(r.overdue),
        versions: r.versions,
        words: r.words,
        submittedAt: r.submitted_at ? new Date(r.submitted_at) : null,
        publishedAt: r.published_at,
      };
    }
  }
  return {
    columns: columns(t, [
      "id",
      "subject",
      "theme",
      "author",
      "status",
      "dueAt",
      "overdue",
      "versions",
      "words",
      "submittedAt",
      "publishedAt",
    ]),
    rows: rows(),
  };
}

/** The export of one dataset of the project, headers and values in the reader's language. */
export function bookExportSpec(
  db: DbOrTrx,
  project: ProjectView,
  dataset: BookDataset,
  t: TFunction,
  locale: Locale,
  filename: string,
): ExportSpec {
  const body =
    dataset === "voordrachten"
      ? proposals(db, project, t, locale)
      : dataset === "auteurs"
        ? authors(db, project, t)
        : manuscripts(db, project, t, locale);
  return { filename, sheet: t(`bookExports.datasets.${dataset}.sheet`), ...body };
}

/** How many rows each dataset has (the same rows the export streams). */
export async function bookDatasetCounts(db: DbOrTrx, projectId: string): Promise<Record<BookDataset, number>> {
  const r = await db
    .selectNoFrom([
      sql<number>`(select count(*)::int from book_proposal where project_id = ${projectId})`.as("voordrachten"),
      sql<number>`(select count(*)::int from book_author where project_id = ${projectId})`.as("auteurs"),
      sql<number>`(select count(*)::int from book_proposal where project_id = ${projectId} and status = 'selected')`.as("manuscripten"),
    ])
    .executeTakeFirstOrThrow();
  return { voordrachten: r.voordrachten, auteurs: r.auteurs, manuscripten: r.manuscripten };
}
