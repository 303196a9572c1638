import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { sql } from "kysely";
import { forbidden, requireRole, requireUser } from "~/auth/guards.server";
import { getDb, type DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { pick } from "~/lib/locale";
import type { Outcome } from "~/lib/outcome";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

/** A refusal because the proposal is not there (or not in this project) is the page's 404, not a message on it. */
export function orNotFound<T>(outcome: Outcome<T>): Outcome<T> {
  if (!outcome.ok && outcome.status === 404) throw notFound();
  return outcome;
}

/** A book project by its URL slug, with its themes in order and the database's clock; 404 when absent. */
export async function loadProject(db: DbOrTrx, slug: string | undefined, locale: Locale) {
  if (!slug || slug.length > 80 || !SLUG.test(slug)) throw notFound();
  const p = await db
    .selectFrom("book_project")
    .selectAll()
    .select(sql<Date>`now()`.as("db_now"))
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!p) throw notFound();
  const themes = await db
    .selectFrom("book_theme")
    .selectAll()
    .where("project_id", "=", p.id)
    .orderBy("position")
    .orderBy("name_nl")
    .execute();
  const now = p.db_now;
  return {
    id: p.id,
    slug: p.slug,
    title: pick(locale, p.title_nl, p.title_en),
    titleNl: p.title_nl,
    titleEn: p.title_en,
    description: pick(locale, p.description_nl, p.description_en),
    descriptionNl: p.description_nl,
    descriptionEn: p.description_en,
    targetCount: p.target_count,
    periodFrom: p.period_from,
    periodTo: p.period_to,
    wordsMin: p.words_min,
    wordsMax: p.words_max,
    proposalsCloseAt: p.proposals_close_at,
    claimsCloseAt: p.claims_close_at,
    draftsDueAt: p.drafts_due_at,
    finalDueAt: p.final_due_at,
    /** The database's clock when the project was read: deadlines are judged by it. */
    now,
    proposalsOpen: p.proposals_close_at === null || now < p.proposals_close_at,
    claimsOpen: p.claims_close_at === null || now < p.claims_close_at,
    themes: themes.map((t) => ({ id: t.id, slug: t.slug, name: pick(locale, t.name_nl, t.name_en), nameNl: t.name_nl, nameEn: t.name_en })),
  };
}
export type ProjectView = Awaited<ReturnType<typeof loadProject>>;

/** The project of the URL for one of its editors (visitors log in first; everyone else gets 403). */
export async function requireProjectEditor(request: Request, context: AppLoadContext, params: Params) {
  const project = await loadProject(getDb(), params.project, context.locale);
  const user = await requireRole(request, context, { role: "editor", bookProjectId: project.id });
  return { user, project };
}

/**
 * The project of the URL for a member with a verified e-mail address (proposing, endorsing,
 * commenting, signing up as author). Visitors log in first; unverified accounts get 403.
 */
export async function requireProjectMember(request: Request, context: AppLoadContext, params: Params) {
  const project = await loadProject(getDb(), params.project, context.locale);
  const user = requireUser(request, context);
  if (!user.emailVerified) throw forbidden();
  return { user, project };
}

/** The guard of a member's form on a project page (handleIntents): the member, the project and the database. */
export async function projectMemberGuard({ request, context, params }: { request: Request; context: AppLoadContext; params: Params }) {
  const { user, project } = await requireProjectMember(request, context, params);
  return { db: getDb(), user, project };
}

/** The project's author profile of this user, or undefined. */
export function findAuthor(db: DbOrTrx, projectId: string, userId: string) {
  return db.selectFrom("book_author").selectAll().where("project_id", "=", projectId).where("user_id", "=", userId).executeTakeFirst();
}

/** Progress figures for the public project page and the editors' dashboard; each is a count of rows. */
export async function projectProgress(db: DbOrTrx, projectId: string) {
  const row = await db
    .selectFrom("book_project as p")
    .select([
      sql<number>`(select count(*)::int from book_proposal where project_id = p.id and status not in ('rejected', 'merged'))`.as(
        "proposals",
      ),
      sql<number>`(select count(*)::int from book_proposal where project_id = p.id and status = 'selected')`.as("selected"),
      sql<number>`(select count(*)::int from book_assignment where project_id = p.id)`.as("assigned"),
      sql<number>`(select count(*)::int from book_assignment where project_id = p.id and status <> 'assigned')`.as("written"),
      sql<number>`(select count(*)::int from book_assignment where project_id = p.id and status = 'final')`.as("final"),
      sql<number>`(select count(*)::int from book_assignment where project_id = p.id and published_at is not null)`.as("published"),
      sql<number>`(select count(*)::int from book_author where project_id = p.id)`.as("authors"),
      sql<number>`(select count(*)::int from book_endorsement e join book_proposal b on b.id = e.proposal_id where b.project_id = p.id)`.as(
        "endorsements",
      ),
    ])
    .where("p.id", "=", projectId)
    .executeTakeFirstOrThrow();
  return row;
}

/** The slug of every book project, for the sitemap. */
export async function listProjectSlugs(db: DbOrTrx): Promise<string[]> {
  const rows = await db.selectFrom("book_project").select("slug").execute();
  return rows.map((r) => r.slug);
}
