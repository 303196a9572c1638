import type { DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { renderMarkdown } from "./markdown.server";
import { subjectColumns, subjectOf } from "./subject.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The selected subjects of the book, in order of service, each with its theme and whether its
 * portrait is published. Authors are named only once the portrait is published (null after that: the
 * author deleted their account).
 */
export async function selectedSubjects(db: DbOrTrx, projectId: string, locale: Locale) {
  const rows = await db
    .selectFrom("book_proposal as b")
    .innerJoin("book_theme as t", "t.id", "b.theme_id")
    .leftJoin("book_assignment as a", "a.proposal_id", "b.id")
    .leftJoin("app_user as u", (j) => j.onRef("u.id", "=", "a.user_id").on("a.published_at", "is not", null))
    .select([...subjectColumns("b"), "t.name_nl", "t.name_en", "a.published_at", "u.name as author"])
    .where("b.project_id", "=", projectId)
    .where("b.status", "=", "selected")
    .orderBy("b.service_from")
    .orderBy("b.name")
    .execute();
  return rows.map((r) => ({
    ...subjectOf(r),
    theme: locale === "en" ? r.name_en : r.name_nl,
    published: r.published_at !== null,
    author: r.author,
  }));
}

/**
 * A published portrait: the subject, its author (null when they deleted their account: the portrait
 * stays in the book) and the final text rendered as safe HTML; undefined when not published.
 */
export async function publishedPortrait(db: DbOrTrx, projectId: string, proposalId: string | undefined, locale: Locale) {
  if (!proposalId || !UUID.test(proposalId)) return undefined;
  const row = await db
    .selectFrom("book_assignment as a")
    .innerJoin("book_proposal as b", "b.id", "a.proposal_id")
    .innerJoin("book_theme as t", "t.id", "b.theme_id")
    .leftJoin("app_user as u", "u.id", "a.user_id")
    .select([...subjectColumns("b"), "t.name_nl", "t.name_en", "u.name as author", "a.published_at"])
    .where("a.project_id", "=", projectId)
    .where("a.proposal_id", "=", proposalId)
    .where("a.status", "=", "final")
    .where("a.published_at", "is not", null)
    .executeTakeFirst();
  if (!row) return undefined;
  // The published text is the latest version (a final manuscript cannot change until it is reopened, which unpublishes it).
  const version = await db
    .selectFrom("book_manuscript_version")
    .select(["body", "word_count"])
    .where("proposal_id", "=", proposalId)
    .orderBy("version", "desc")
    .executeTakeFirst();
  const sources = await db
    .selectFrom("book_source")
    .select(["title", "url"])
    .where("proposal_id", "=", proposalId)
    .orderBy("position")
    .execute();
  return {
    ...subjectOf(row),
    theme: locale === "en" ? row.name_en : row.name_nl,
    author: row.author,
    publishedAt: row.published_at!,
    words: version?.word_count ?? 0,
    html: renderMarkdown(version?.body ?? ""),
    sources,
  };
}

/** The address parts (project slug, proposal id) of every published final portrait, for the sitemap. */
export function listPublishedPortraitAddresses(db: DbOrTrx) {
  return db
    .selectFrom("book_assignment as b")
    .innerJoin("book_project as p", "p.id", "b.project_id")
    .select(["p.slug", "b.proposal_id"])
    .where("b.status", "=", "final")
    .where("b.published_at", "is not", null)
    .execute();
}
