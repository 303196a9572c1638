import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { getDb } from "~/db.server";
import { createUser } from "./factories";
import { sessionFor } from "./voting";

export interface BookFixture {
  projectId: string;
  slug: string;
  themes: Array<{ id: string; slug: string }>;
  editor: { id: string; cookie: string };
  member: { id: string; email: string; cookie: string };
  /** Public base path of the proposals. */
  base: string;
  /** Editors' base path of the project. */
  admin: string;
}

/** A book project (period 1814–2014) with three themes, an editor and a verified member with sessions. */
export async function createBookProject(opts: { target?: number; closed?: boolean } = {}): Promise<BookFixture> {
  const db = getDb();
  const slug = `boek-${randomUUID().slice(0, 8)}`;
  const project = await db
    .insertInto("book_project")
    .values({
      slug,
      title_nl: `Ambtenaren ${slug}`,
      title_en: `Civil servants ${slug}`,
      target_count: opts.target ?? 100,
      period_from: 1814,
      period_to: 2014,
      proposals_close_at: opts.closed ? sql<Date>`now() - interval '1 hour'` : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const themes = [];
  for (const [i, [s, nl, en]] of [
    ["water", "Water", "Water"],
    ["financien", "Financiën", "Finance"],
    ["onderwijs", "Onderwijs", "Education"],
  ].entries()) {
    themes.push(
      await db
        .insertInto("book_theme")
        .values({ project_id: project.id, slug: s!, name_nl: nl!, name_en: en!, position: i })
        .returning(["id", "slug"])
        .executeTakeFirstOrThrow(),
    );
  }
  const editor = await createUser({ name: "Redacteur Test" });
  await db
    .insertInto("role_grant")
    .values({ user_id: editor.id, role: "editor", award_id: null, edition_id: null, book_project_id: project.id })
    .execute();
  const member = await createUser({ name: "Lid Test" });
  return {
    projectId: project.id,
    slug,
    themes,
    editor: { id: editor.id, cookie: await sessionFor(editor.id) },
    member: { id: member.id, email: member.email, cookie: await sessionFor(member.id) },
    base: `/boek/${slug}/voordrachten`,
    admin: `/beheer/boeken/${slug}`,
  };
}

export const MOTIVATION =
  "Zij bouwde in de negentiende eeuw de eerste landelijke waterstaatsdienst op, schreef de instructies waarmee ingenieurs in elke provincie werkten en maakte van een verzameling losse ambten een dienst.";

/** The proposal form as the browser posts it. */
export function proposalForm(f: BookFixture, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: "Johan Rudolph Thorbecke",
    birthYear: "1798",
    deathYear: "1872",
    serviceFrom: "1825",
    serviceTo: "1872",
    organisation: "Ministerie van Binnenlandse Zaken",
    role: "Minister",
    motivation: MOTIVATION,
    themeId: f.themes[0]!.id,
    source1Title: "Biografie",
    source1Url: "https://www.parlement.com/thorbecke",
    source2Title: "",
    source2Url: "",
    source3Title: "",
    source3Url: "",
    ...overrides,
  };
}

/** A proposal straight in the database (for editor and browsing tests). */
export async function insertProposal(
  f: BookFixture,
  values: {
    name?: string;
    status?: "proposed" | "shortlisted" | "selected";
    themeIndex?: number;
    serviceFrom?: number;
    proposerId?: string;
  } = {},
) {
  const db = getDb();
  const from = values.serviceFrom ?? 1850;
  const row = await db
    .insertInto("book_proposal")
    .values({
      project_id: f.projectId,
      proposer_id: values.proposerId ?? f.member.id,
      name: values.name ?? `Persoon ${randomUUID().slice(0, 8)}`,
      birth_year: from - 25,
      death_year: from + 40,
      service_from: from,
      service_to: from + 30,
      organisation: "Rijkswaterstaat",
      role: "Hoofdingenieur",
      motivation: MOTIVATION,
      theme_id: f.themes[values.themeIndex ?? 0]!.id,
      status: values.status ?? "proposed",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("book_source")
    .values({ proposal_id: row.id, title: "Bron", url: `https://example.nl/${row.id}`, position: 1 })
    .execute();
  return row.id;
}

/** Many verified members with sessions, created in two statements. */
export async function createMembers(count: number) {
  const prefix = randomUUID().slice(0, 8);
  const rows = await sql<{ id: string; session: string }>`
    with u as (
      insert into app_user (email, name, password_hash, email_verified_at)
      select ${prefix} || '-' || g || '@example.nl', 'Lid ' || g, 'x', now() from generate_series(1, ${count}) g
      returning id, email
    ), s as (
      insert into user_session (id, user_id, expires_at, absolute_expires_at)
      select md5(random()::text || u.id::text) || md5(random()::text || u.email), u.id, now() + interval '2 hours', now() + interval '12 hours' from u
      returning id, user_id
    )
    select u.id, s.id as session from u join s on s.user_id = u.id`.execute(getDb());
  return rows.rows.map((r) => ({ id: r.id, cookie: `lauwer_session=${r.session}` }));
}
