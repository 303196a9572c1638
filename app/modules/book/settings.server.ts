import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import type { NewProjectInput, ProjectSettingsInput, ThemeInput } from "./settings.schema";
import { TIME_ZONE } from "~/lib/locale";
import { ok, refuse, type Outcome } from "~/lib/outcome";

/** A local Amsterdam time from a datetime-local field, converted by PostgreSQL (or null when empty). */
const amsterdam = (local: string) => (local ? sql<Date>`(${local}::timestamp at time zone ${sql.lit(TIME_ZONE)})` : null);
/** A timestamp column as the value of a datetime-local field, in Amsterdam time. */
const localValue = (column: string) =>
  sql<string | null>`to_char(${sql.ref(column)} at time zone ${sql.lit(TIME_ZONE)}, 'YYYY-MM-DD"T"HH24:MI')`;

/** The settings form's current values, as the form posts them. */
export async function settingsFormValues(
  db: DbOrTrx,
  projectId: string,
): Promise<Record<keyof Omit<ProjectSettingsInput, "formId">, string>> {
  const p = await db
    .selectFrom("book_project")
    .select([
      "title_nl",
      "title_en",
      "description_nl",
      "description_en",
      "target_count",
      "period_from",
      "period_to",
      "words_min",
      "words_max",
      localValue("proposals_close_at").as("proposals_close_at"),
      localValue("claims_close_at").as("claims_close_at"),
      localValue("drafts_due_at").as("drafts_due_at"),
      localValue("final_due_at").as("final_due_at"),
    ])
    .where("id", "=", projectId)
    .executeTakeFirstOrThrow();
  return {
    titleNl: p.title_nl,
    titleEn: p.title_en,
    descriptionNl: p.description_nl,
    descriptionEn: p.description_en,
    targetCount: String(p.target_count),
    periodFrom: String(p.period_from),
    periodTo: String(p.period_to),
    wordsMin: String(p.words_min),
    wordsMax: String(p.words_max),
    proposalsCloseAt: p.proposals_close_at ?? "",
    claimsCloseAt: p.claims_close_at ?? "",
    draftsDueAt: p.drafts_due_at ?? "",
    finalDueAt: p.final_due_at ?? "",
  };
}

/**
 * Saves a project's settings; audited with before and after. A target below the portraits already
 * selected is refused by the database (the same trigger that guards selection).
 */
export async function updateSettings(db: Db, actor: Actor, projectId: string, input: ProjectSettingsInput): Promise<Outcome> {
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome> => {
      const before = await trx.selectFrom("book_project").selectAll().where("id", "=", projectId).forUpdate().executeTakeFirstOrThrow();
      const after = await trx
        .updateTable("book_project")
        .set({
          title_nl: input.titleNl,
          title_en: input.titleEn,
          description_nl: input.descriptionNl,
          description_en: input.descriptionEn,
          target_count: Number(input.targetCount),
          period_from: Number(input.periodFrom),
          period_to: Number(input.periodTo),
          words_min: Number(input.wordsMin),
          words_max: Number(input.wordsMax),
          proposals_close_at: amsterdam(input.proposalsCloseAt),
          claims_close_at: amsterdam(input.claimsCloseAt),
          drafts_due_at: amsterdam(input.draftsDueAt),
          final_due_at: amsterdam(input.finalDueAt),
        })
        .where("id", "=", projectId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, actor, { action: "book.settings", entityType: "book_project", entityId: projectId, before, after });
      return ok();
    });
  } catch (error) {
    const e = error as { code?: string; constraint?: string };
    if (e.code === "23514" && e.constraint === "book_selection_target") {
      const selected = await db
        .selectFrom("book_proposal")
        .select(db.fn.countAll<string>().as("n"))
        .where("project_id", "=", projectId)
        .where("status", "=", "selected")
        .executeTakeFirstOrThrow();
      return refuse(409, "book.errors.targetBelowSelected", { params: { selected: Number(selected.n) } });
    }
    if (e.code === "23514") return refuse(409, "book.errors.settingsRefused");
    throw error;
  }
}

export async function addTheme(db: Db, actor: Actor, projectId: string, input: ThemeInput): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const last = await trx
      .selectFrom("book_theme")
      .select(sql<number>`coalesce(max(position), 0)`.as("p"))
      .where("project_id", "=", projectId)
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto("book_theme")
      .values({ project_id: projectId, slug: input.slug, name_nl: input.nameNl, name_en: input.nameEn, position: Number(last.p) + 1 })
      .onConflict((oc) => oc.columns(["project_id", "slug"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) return refuse(400, "book.errors.themeSlugTaken", { field: "slug" });
    await writeAudit(trx, actor, { action: "book.theme.add", entityType: "book_theme", entityId: row.id, after: row });
    return ok();
  });
}

/** Removes a theme nobody used; a theme with proposals stays (the foreign key refuses). */
export async function deleteTheme(db: Db, actor: Actor, projectId: string, themeId: string): Promise<Outcome> {
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome> => {
      const row = await trx
        .deleteFrom("book_theme")
        .where("id", "=", themeId)
        .where("project_id", "=", projectId)
        .returningAll()
        .executeTakeFirst();
      if (!row) return refuse(409, "book.errors.themeNotFound");
      await writeAudit(trx, actor, { action: "book.theme.delete", entityType: "book_theme", entityId: row.id, before: row });
      return ok();
    });
  } catch (error) {
    // 23001 (RESTRICT) or 23503: proposals still use the theme; nothing was deleted.
    const code = (error as { code?: string }).code;
    if (code === "23001" || code === "23503") return refuse(409, "book.errors.themeInUse");
    throw error;
  }
}

export async function createProject(db: Db, actor: Actor, input: NewProjectInput): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const row = await trx
      .insertInto("book_project")
      .values({ slug: input.slug, title_nl: input.titleNl, title_en: input.titleEn })
      .onConflict((oc) => oc.column("slug").doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) return refuse(400, "book.errors.projectSlugTaken", { field: "slug" });
    await writeAudit(trx, actor, { action: "book.project.create", entityType: "book_project", entityId: row.id, after: row });
    return ok();
  });
}

/** The projects this user edits (all projects for nobody else: roles are per project). */
export function editorProjects(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("role_grant as g")
    .innerJoin("book_project as p", "p.id", "g.book_project_id")
    .select(["p.slug", "p.title_nl", "p.title_en"])
    .where("g.user_id", "=", userId)
    .where("g.role", "=", "editor")
    .orderBy("p.title_nl")
    .execute();
}

/** Every project, for the public list. */
export function listProjects(db: DbOrTrx) {
  return db
    .selectFrom("book_project")
    .select(["slug", "title_nl", "title_en", "description_nl", "description_en"])
    .orderBy("created_at")
    .execute();
}
