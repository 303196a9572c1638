import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { getDb } from "~/db.server";
import { createUser, uniqueEmail } from "./factories";
import { sessionFor } from "./voting";

export interface WritingFixture {
  projectId: string;
  slug: string;
  themes: string[];
  /** Selected proposals (portraits), in order. */
  portraits: string[];
  editor: { id: string; cookie: string };
  member: { id: string; email: string; cookie: string };
  /** Public base path of the project and the editors' base path. */
  base: string;
  admin: string;
}

export interface Author {
  id: string;
  email: string;
  cookie: string;
}

/**
 * A book project (1814–2014, 600–900 words, drafts due in a week) with two themes, `portraits`
 * selected proposals, an editor and a verified member (not an author), all with sessions.
 */
export async function createWritingProject(
  opts: { portraits?: number; claimsClosed?: boolean; wordsMin?: number; wordsMax?: number } = {},
) {
  const db = getDb();
  const slug = `schrijven-${randomUUID().slice(0, 8)}`;
  const project = await db
    .insertInto("book_project")
    .values({
      slug,
      title_nl: `Portretten ${slug}`,
      title_en: `Portraits ${slug}`,
      target_count: 100,
      period_from: 1814,
      period_to: 2014,
      words_min: opts.wordsMin ?? 600,
      words_max: opts.wordsMax ?? 900,
      claims_close_at: opts.claimsClosed ? sql<Date>`now() - interval '1 hour'` : null,
      drafts_due_at: sql<Date>`now() + interval '7 days'`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const themes: string[] = [];
  for (const [i, [s, nl, en]] of [
    ["water", "Water", "Water"],
    ["financien", "Financiën", "Finance"],
  ].entries()) {
    const t = await db
      .insertInto("book_theme")
      .values({ project_id: project.id, slug: s!, name_nl: nl!, name_en: en!, position: i })
      .returning("id")
      .executeTakeFirstOrThrow();
    themes.push(t.id);
  }
  const portraits: string[] = [];
  for (let i = 0; i < (opts.portraits ?? 4); i++) {
    const p = await db
      .insertInto("book_proposal")
      .values({
        project_id: project.id,
        name: `Ambtenaar ${String(i + 1).padStart(2, "0")}`,
        birth_year: 1800 + i,
        death_year: 1880 + i,
        service_from: 1830 + i,
        service_to: 1870 + i,
        organisation: "Ministerie van Waterstaat",
        role: "Inspecteur",
        motivation: "Bouwde de dienst op.",
        theme_id: themes[i % themes.length]!,
        status: "selected",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    portraits.push(p.id);
  }
  const editor = await createUser({ name: "Redacteur Schrijven" });
  await db
    .insertInto("role_grant")
    .values({ user_id: editor.id, role: "editor", award_id: null, edition_id: null, book_project_id: project.id })
    .execute();
  const member = await createUser({ name: "Lid Schrijven" });
  return {
    projectId: project.id,
    slug,
    themes,
    portraits,
    editor: { id: editor.id, cookie: await sessionFor(editor.id) },
    member: { id: member.id, email: member.email, cookie: await sessionFor(member.id) },
    base: `/boek/${slug}`,
    admin: `/beheer/boeken/${slug}`,
  } satisfies WritingFixture;
}

/** A verified member with an author profile in the project. */
export async function addAuthor(f: WritingFixture, capacity = 1, name = "Auteur Test"): Promise<Author> {
  const user = await createUser({ name, email: uniqueEmail("auteur") });
  await getDb()
    .insertInto("book_author")
    .values({ project_id: f.projectId, user_id: user.id, bio: "Historicus met belangstelling voor de rijksdienst.", capacity })
    .execute();
  return { id: user.id, email: user.email, cookie: await sessionFor(user.id) };
}

/** Assigns a portrait directly in the database (for tests about what happens afterwards). */
export async function assignDirectly(f: WritingFixture, proposalId: string, userId: string, dueIn = "7 days") {
  await getDb()
    .insertInto("book_assignment")
    .values({
      proposal_id: proposalId,
      project_id: f.projectId,
      user_id: userId,
      due_at: sql<Date>`now() + ${dueIn}::interval`,
    })
    .execute();
}

/** A text of exactly `n` words. */
export function wordsText(n: number, word = "woord"): string {
  return Array.from({ length: n }, (_, i) => (i % 12 === 11 ? `${word}.\n` : word)).join(" ");
}

export async function assignmentOf(proposalId: string) {
  return getDb().selectFrom("book_assignment").selectAll().where("proposal_id", "=", proposalId).executeTakeFirst();
}

export async function versionsOf(proposalId: string) {
  return getDb().selectFrom("book_manuscript_version").selectAll().where("proposal_id", "=", proposalId).orderBy("version").execute();
}
