import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { rankedClaims, type AuthorInput, type ClaimsInput } from "./author.schema";
import type { ProjectView } from "./project.server";
import { pgError } from "./proposal.server";
import { pick } from "~/lib/locale";
import { ok, refuse, type Outcome, type Refusal } from "~/lib/outcome";

// ── Author profile ───────────────────────────────────────────────────────────────────────────────

/** Creates or updates the member's author profile; themes must be the project's, periods within its period. */
export async function saveAuthor(db: Db, project: ProjectView, userId: string, input: AuthorInput, themeIds: string[]): Promise<Outcome> {
  const known = new Set(project.themes.map((t) => t.id));
  if (!themeIds.every((id) => known.has(id))) return refuse(400, "bookWriting.errors.theme", { field: "themes" });
  const from = input.periodFrom === "" ? null : Number(input.periodFrom);
  const to = input.periodTo === "" ? null : Number(input.periodTo);
  for (const [field, year] of [
    ["periodFrom", from],
    ["periodTo", to],
  ] as const) {
    if (year !== null && (year < project.periodFrom || year > project.periodTo)) {
      return refuse(400, "bookWriting.errors.yearOutside", { field });
    }
  }
  const values = {
    bio: input.bio,
    theme_ids: [...new Set(themeIds)],
    period_from: from,
    period_to: to,
    writing_url: input.writingUrl === "" ? null : input.writingUrl,
    capacity: Number(input.capacity),
    availability: input.availability,
  };
  try {
    await db
      .insertInto("book_author")
      .values({ project_id: project.id, user_id: userId, ...values })
      .onConflict((oc) => oc.columns(["project_id", "user_id"]).doUpdateSet({ ...values, updated_at: sql`now()` }))
      .execute();
    return ok();
  } catch (e) {
    const { code, constraint } = pgError(e);
    if (constraint === "book_author_cap") return refuse(409, "bookWriting.errors.capBelowAssigned", { field: "capacity" });
    // The form's checks should have caught these; whatever the database still refuses is a 400, never a 500.
    if (code === "23514") return AUTHOR_CHECKS[constraint ?? ""] ?? refuse(400, "bookWriting.errors.notSaved");
    throw e;
  }
}

const AUTHOR_CHECKS: Record<string, Refusal> = {
  book_author_writing_url_check: refuse(400, "bookWriting.errors.url", { field: "writingUrl" }),
  book_author_bio_check: refuse(400, "bookWriting.errors.bioLong", { field: "bio" }),
  book_author_availability_check: refuse(400, "bookWriting.errors.availabilityLong", { field: "availability" }),
  book_author_period: refuse(400, "bookWriting.errors.periodOrder", { field: "periodTo" }),
};

/** The profile as form values (strings), for editing. */
export function authorFormValues(a: {
  bio: string;
  theme_ids: string[];
  period_from: number | null;
  period_to: number | null;
  writing_url: string | null;
  capacity: number;
  availability: string;
}) {
  return {
    values: {
      bio: a.bio,
      periodFrom: a.period_from === null ? "" : String(a.period_from),
      periodTo: a.period_to === null ? "" : String(a.period_to),
      writingUrl: a.writing_url ?? "",
      capacity: String(a.capacity),
      availability: a.availability,
    },
    themeIds: a.theme_ids,
  };
}

export async function assignedCount(db: DbOrTrx, projectId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom("book_assignment")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("project_id", "=", projectId)
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return row.n;
}

// ── Claims ───────────────────────────────────────────────────────────────────────────────────────

/** Selected portraits without an author, with theme and years, in order of service. */
export async function openPortraits(db: DbOrTrx, projectId: string, locale: Locale) {
  const rows = await db
    .selectFrom("book_proposal as b")
    .innerJoin("book_theme as t", "t.id", "b.theme_id")
    .select(["b.id", "b.name", "b.role", "b.organisation", "b.service_from", "b.service_to", "t.name_nl", "t.name_en"])
    .where("b.project_id", "=", projectId)
    .where("b.status", "=", "selected")
    .where((eb) => eb.not(eb.exists(eb.selectFrom("book_assignment as a").select("a.proposal_id").whereRef("a.proposal_id", "=", "b.id"))))
    .orderBy("b.service_from")
    .orderBy("b.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    organisation: r.organisation,
    serviceFrom: r.service_from,
    serviceTo: r.service_to,
    theme: pick(locale, r.name_nl, r.name_en),
  }));
}

/** An author's claims in rank order, with the portrait's name and whether it has an author now. */
export function claimsOf(db: DbOrTrx, projectId: string, userId: string) {
  return db
    .selectFrom("book_claim as c")
    .innerJoin("book_proposal as b", "b.id", "c.proposal_id")
    .leftJoin("book_assignment as a", "a.proposal_id", "c.proposal_id")
    .select(["c.proposal_id", "c.rank", "c.motivation", "b.name", "a.user_id as assigned_to"])
    .where("c.project_id", "=", projectId)
    .where("c.user_id", "=", userId)
    .orderBy("c.rank")
    .execute();
}

/**
 * Replaces the author's claims in one transaction (the author row is locked so two saves queue).
 * Every claimed portrait must be selected, in this project and without an author.
 */
export async function saveClaims(db: Db, project: ProjectView, userId: string, input: ClaimsInput): Promise<Outcome> {
  if (!project.claimsOpen) return refuse(409, "bookWriting.errors.claimsClosed");
  const wishes = rankedClaims(input);
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome> => {
      const author = await trx
        .selectFrom("book_author")
        .select("user_id")
        .where("project_id", "=", project.id)
        .where("user_id", "=", userId)
        .forUpdate()
        .executeTakeFirst();
      if (!author) return refuse(409, "bookWriting.errors.notAuthor");
      const open = await trx
        .selectFrom("book_proposal as b")
        .select("b.id")
        .where("b.project_id", "=", project.id)
        .where("b.status", "=", "selected")
        .where(
          "b.id",
          "in",
          wishes.map((w) => w.proposalId),
        )
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom("book_assignment as a").select("a.proposal_id").whereRef("a.proposal_id", "=", "b.id"))),
        )
        .execute();
      const openIds = new Set(open.map((o) => o.id));
      const bad = wishes.find((w) => !openIds.has(w.proposalId));
      if (bad) return refuse(409, "bookWriting.errors.notClaimable", { field: `choice${bad.rank}` });
      await trx.deleteFrom("book_claim").where("project_id", "=", project.id).where("user_id", "=", userId).execute();
      await trx
        .insertInto("book_claim")
        .values(
          wishes.map((w) => ({
            project_id: project.id,
            proposal_id: w.proposalId,
            user_id: userId,
            rank: w.rank,
            motivation: w.motivation,
          })),
        )
        .execute();
      return ok();
    });
  } catch (e) {
    // The same portrait twice or a rank twice (the form prevents both; the keys refuse them anyway).
    if (pgError(e).code === "23505") return refuse(409, "bookWriting.errors.sameTwice");
    throw e;
  }
}

// ── Editors' view of the authors ─────────────────────────────────────────────────────────────────

/** Every author of the project with profile, assigned count and ranked claims. */
export async function listAuthors(db: DbOrTrx, project: ProjectView) {
  const [authors, claims] = await Promise.all([
    db
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
        sql<number>`(select count(*)::int from book_assignment s where s.project_id = a.project_id and s.user_id = a.user_id)`.as(
          "assigned",
        ),
      ])
      .where("a.project_id", "=", project.id)
      .orderBy("u.name")
      .orderBy("a.user_id")
      .execute(),
    db
      .selectFrom("book_claim as c")
      .innerJoin("book_proposal as b", "b.id", "c.proposal_id")
      .leftJoin("book_assignment as s", "s.proposal_id", "c.proposal_id")
      .select(["c.user_id", "c.proposal_id", "c.rank", "c.motivation", "b.name", "s.user_id as assigned_to"])
      .where("c.project_id", "=", project.id)
      .orderBy("c.rank")
      .execute(),
  ]);
  const themeName = new Map(project.themes.map((t) => [t.id, t.name]));
  return authors.map((a) => ({
    userId: a.user_id,
    name: a.name,
    bio: a.bio,
    themes: a.theme_ids.map((id) => themeName.get(id)).filter((n): n is string => Boolean(n)),
    periodFrom: a.period_from,
    periodTo: a.period_to,
    writingUrl: a.writing_url,
    capacity: a.capacity,
    availability: a.availability,
    assigned: a.assigned,
    claims: claims
      .filter((c) => c.user_id === a.user_id)
      .map((c) => ({ proposalId: c.proposal_id, rank: c.rank, motivation: c.motivation, name: c.name, assignedTo: c.assigned_to })),
  }));
}
