import { sql, type RawBuilder } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { isHttpsUrl, SOURCE_ROWS, UUID_RE, sourcesOf, type ProposalInput, type ProposalStatus, type Sort } from "./proposal.schema";
import { pick } from "~/lib/locale";
import { subjectColumns, subjectOf } from "./subject.server";
import { ok, refuse, type Outcome, type Refusal } from "~/lib/outcome";

export const PAGE_SIZE = 25;

/** The PostgreSQL error code and constraint of a failed statement, if it is one. */
export function pgError(e: unknown): { code?: string; constraint?: string } {
  if (typeof e !== "object" || e === null) return {};
  const { code, constraint } = e as { code?: unknown; constraint?: unknown };
  return { code: typeof code === "string" ? code : undefined, constraint: typeof constraint === "string" ? constraint : undefined };
}

export const isUuid = (value: string | undefined | null): value is string => typeof value === "string" && UUID_RE.test(value);

export interface Suggestion {
  id: string;
  name: string;
  birthYear: number;
  deathYear: number | null;
  organisation: string;
  status: ProposalStatus;
}

/** How close two surnames (the last words of the folded names) must be, by trigram similarity. */
export const SURNAME_SIMILARITY = 0.45;
/** How close two whole names must be when the surname alone does not decide it. */
export const NAME_SIMILARITY = 0.3;
/** Birth years further apart than this are two people, however alike the names. */
export const BIRTH_YEAR_SLACK = 2;

/**
 * Live proposals of the project that may be the same person as the typed name. A name of one word
 * (someone searching "Thorbecke") matches a word run of a longer name. A full name needs more than a
 * shared first name: the surnames (last words, accents and case ignored) must be alike and the whole
 * names too — "Coenraad Zzqxwvbn" is not held against every other Coenraad, "Johan Rudolf Thorbecke"
 * still finds "Johan Rudolph Thorbécke". Given a birth year, proposals born years apart are left out.
 */
export async function suggestProposals(
  db: DbOrTrx,
  projectId: string,
  name: string,
  opts: { excludeId?: string; limit?: number; birthYear?: number | null } = {},
) {
  const term = name.trim().slice(0, 200);
  if (term.length < 3) return [];
  const folded = sql`lauwer_fold(${term})`;
  const lastWord = (text: RawBuilder<unknown> | ReturnType<typeof sql>) => sql`regexp_replace(${text}, '^.*[[:space:]]', '')`;
  const oneWord = !/\s/.test(term);
  const score = sql<number>`greatest(similarity(lauwer_fold(p.name), ${folded}), word_similarity(${folded}, lauwer_fold(p.name)))`;
  let q = db
    .selectFrom("book_proposal as p")
    .select(["p.id", "p.name", "p.birth_year", "p.death_year", "p.organisation", "p.status"])
    .where("p.project_id", "=", projectId)
    .where("p.status", "not in", ["rejected", "merged"])
    .where(
      oneWord
        ? sql<boolean>`word_similarity(${folded}, lauwer_fold(p.name)) > 0.6`
        : sql<boolean>`(similarity(${lastWord(sql`lauwer_fold(p.name)`)}, ${lastWord(folded)}) >= ${SURNAME_SIMILARITY}
            and similarity(lauwer_fold(p.name), ${folded}) > ${NAME_SIMILARITY})`,
    );
  if (opts.birthYear) q = q.where(sql<boolean>`abs(p.birth_year - ${opts.birthYear}) <= ${BIRTH_YEAR_SLACK}`);
  if (opts.excludeId) q = q.where("p.id", "<>", opts.excludeId);
  const rows = await q
    .orderBy(score, "desc")
    .orderBy("p.id")
    .limit(opts.limit ?? 5)
    .execute();
  return rows.map((r): Suggestion => ({
    id: r.id,
    name: r.name,
    birthYear: r.birth_year,
    deathYear: r.death_year,
    organisation: r.organisation,
    status: r.status as ProposalStatus,
  }));
}

/** A stored proposal (its id), or the close matches that stopped it (nothing stored). */
export type NewProposal = { id: string; matches?: undefined } | { id?: undefined; matches: Suggestion[] };

/**
 * A new proposal with its sources, in one transaction. The window is judged by the database clock
 * in this transaction; close matches stop it until the member confirms it is a different person
 * (it then succeeds with the matches and stores nothing); the database's year checks answer as a
 * 400 (never a 500).
 */
export async function createProposal(db: Db, user: { id: string }, projectId: string, input: ProposalInput): Promise<Outcome<NewProposal>> {
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome<NewProposal>> => {
      const project = await trx
        .selectFrom("book_project")
        .select(sql<boolean>`proposals_close_at is null or now() < proposals_close_at`.as("open"))
        .where("id", "=", projectId)
        .executeTakeFirst();
      if (!project?.open) return refuse(409, "bookProposals.errors.closed");
      const theme = await trx
        .selectFrom("book_theme")
        .select("id")
        .where("id", "=", input.themeId)
        .where("project_id", "=", projectId)
        .executeTakeFirst();
      if (!theme) return refuse(400, "errors.invalidChoice", { field: "themeId" });
      if (!input.confirmDifferent) {
        const matches = await suggestProposals(trx, projectId, input.name, { birthYear: Number(input.birthYear) || null });
        if (matches.length) return ok({ matches });
      }
      const row = await trx
        .insertInto("book_proposal")
        .values({
          project_id: projectId,
          proposer_id: user.id,
          name: input.name,
          birth_year: Number(input.birthYear),
          death_year: input.deathYear === "" ? null : Number(input.deathYear),
          service_from: Number(input.serviceFrom),
          service_to: Number(input.serviceTo),
          organisation: input.organisation,
          role: input.role,
          motivation: input.motivation,
          theme_id: input.themeId,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const sources = sourcesOf(input);
      await trx
        .insertInto("book_source")
        .values(sources.map((s, i) => ({ proposal_id: row.id, title: s.title, url: s.url, position: i + 1 })))
        .execute();
      return ok({ id: row.id });
    });
  } catch (e) {
    const { code, constraint } = pgError(e);
    if (code === "23514") return checkRefusal(constraint, input);
    if (code === "23503") return refuse(400, "errors.invalidChoice", { field: "themeId" });
    throw e;
  }
}

/** Characters as PostgreSQL's length() counts them (code points). */
const pgLength = (value: string) => [...value].length;

/**
 * The database's check that refused a new proposal, as the message of the field it concerns (the
 * form checks the same first, so this is the last line, never a 500).
 */
function checkRefusal(constraint: string | undefined, input: ProposalInput): Refusal {
  const refused = (field: string | undefined, error: string) => refuse(400, error, field ? { field } : {});
  const tooShortOrLong = (value: string, min: number) =>
    pgLength(value) < min ? "bookProposals.errors.tooShort" : "bookProposals.errors.tooLong";
  // The source rows that were stored (title and link both given), by their number on the form.
  const sourceRow = (bad: (title: string, url: string) => boolean) =>
    SOURCE_ROWS.find((n) => {
      const [title, url] = [input[`source${n}Title`], input[`source${n}Url`]];
      return title && url && bad(title, url);
    });
  switch (constraint) {
    case "book_proposal_name_check":
      return refused("name", tooShortOrLong(input.name, 2));
    case "book_proposal_organisation_check":
      return refused("organisation", tooShortOrLong(input.organisation, 2));
    case "book_proposal_role_check":
      return refused("role", tooShortOrLong(input.role, 2));
    case "book_proposal_motivation_check":
      return refused("motivation", tooShortOrLong(input.motivation, 1));
    case "book_proposal_birth_year_check":
      return refused("birthYear", "bookProposals.errors.birthYear");
    case "book_proposal_years":
      return refused(undefined, "bookProposals.errors.years");
    case "book_source_title_check": {
      const n = sourceRow((title) => pgLength(title) < 2 || pgLength(title) > 300);
      return n
        ? refused(`source${n}Title`, tooShortOrLong(input[`source${n}Title`], 2))
        : refused(undefined, "bookProposals.errors.notSaved");
    }
    case "book_source_url_check": {
      const n = sourceRow((_, url) => !isHttpsUrl(url));
      return refused(n ? `source${n}Url` : undefined, "bookProposals.errors.sourceUrl");
    }
    default:
      return refused(undefined, "bookProposals.errors.notSaved");
  }
}

/** One proposal of the project (any status), with its theme, proposer and endorsement count (from the rows). */
export async function getProposal(db: DbOrTrx, projectId: string, proposalId: string, locale: Locale) {
  if (!isUuid(proposalId)) return undefined;
  const p = await db
    .selectFrom("book_proposal as p")
    .innerJoin("book_theme as t", "t.id", "p.theme_id")
    .leftJoin("app_user as u", "u.id", "p.proposer_id")
    .select([
      ...subjectColumns("p"),
      "p.motivation",
      "p.status",
      "p.rejection_reason",
      "p.merged_into_id",
      "p.proposer_id",
      "p.created_at",
      "p.status_changed_at",
      "t.slug as theme_slug",
      "t.name_nl as theme_nl",
      "t.name_en as theme_en",
      "u.name as proposer_name",
      (eb) =>
        eb
          .selectFrom("book_endorsement as e")
          .whereRef("e.proposal_id", "=", "p.id")
          .select((e) => e.fn.countAll<string>().as("n"))
          .as("endorsements"),
      (eb) =>
        eb
          .selectFrom("book_assignment as a")
          .whereRef("a.proposal_id", "=", "p.id")
          .select(sql<boolean>`true`.as("x"))
          .as("has_author"),
    ])
    .where("p.project_id", "=", projectId)
    .where("p.id", "=", proposalId)
    .executeTakeFirst();
  if (!p) return undefined;
  return {
    ...subjectOf(p),
    motivation: p.motivation,
    status: p.status as ProposalStatus,
    rejectionReason: p.rejection_reason,
    mergedIntoId: p.merged_into_id,
    proposerId: p.proposer_id,
    proposerName: p.proposer_name,
    createdAt: p.created_at,
    statusChangedAt: p.status_changed_at,
    theme: pick(locale, p.theme_nl, p.theme_en),
    themeSlug: p.theme_slug,
    endorsements: Number(p.endorsements ?? 0),
    hasAuthor: Boolean(p.has_author),
  };
}
export type ProposalView = NonNullable<Awaited<ReturnType<typeof getProposal>>>;

export function listSources(db: DbOrTrx, proposalId: string) {
  return db
    .selectFrom("book_source")
    .select(["id", "title", "url"])
    .where("proposal_id", "=", proposalId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export async function listComments(db: DbOrTrx, proposalId: string) {
  return db
    .selectFrom("book_comment as c")
    .leftJoin("app_user as u", "u.id", "c.author_id")
    .select(["c.id", "c.body", "c.created_at", "u.name as author_name"])
    .where("c.proposal_id", "=", proposalId)
    .orderBy("c.created_at")
    .orderBy("c.id")
    .execute();
}

export async function hasEndorsed(db: DbOrTrx, proposalId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("book_endorsement")
    .select("user_id")
    .where("proposal_id", "=", proposalId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Follows merged proposals to the one that survived (a short chain at most). */
export async function survivorOf(db: DbOrTrx, projectId: string, proposalId: string): Promise<string | undefined> {
  let id: string | null = proposalId;
  for (let hops = 0; id && hops < 20; hops++) {
    const row: { status: string; merged_into_id: string | null } | undefined = await db
      .selectFrom("book_proposal")
      .select(["status", "merged_into_id"])
      .where("id", "=", id)
      .where("project_id", "=", projectId)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.status !== "merged") return id;
    id = row.merged_into_id;
  }
  return undefined;
}

const ENDORSABLE = ["proposed", "shortlisted", "selected"];

/** The proposal's status, share-locked so a merge or a status change waits or wins; undefined in another project. */
function lockProposalStatus(trx: DbOrTrx, projectId: string, proposalId: string) {
  return trx
    .selectFrom("book_proposal")
    .select("status")
    .where("id", "=", proposalId)
    .where("project_id", "=", projectId)
    .forShare()
    .executeTakeFirst();
}

/**
 * One endorsement per member per proposal: the primary key decides, so parallel requests insert
 * one row and the others do nothing (`added` false: it was there already). The proposal row is
 * share-locked, so a merge waits or wins.
 */
export async function endorse(db: Db, userId: string, projectId: string, proposalId: string): Promise<Outcome<{ added: boolean }>> {
  return db.transaction().execute(async (trx): Promise<Outcome<{ added: boolean }>> => {
    const p = await lockProposalStatus(trx, projectId, proposalId);
    if (!p) return refuse(404, "bookProposals.errors.notFound");
    if (!ENDORSABLE.includes(p.status)) return refuse(409, "bookProposals.errors.notEndorsable");
    const inserted = await trx
      .insertInto("book_endorsement")
      .values({ proposal_id: proposalId, user_id: userId })
      .onConflict((oc) => oc.doNothing())
      .returning("user_id")
      .executeTakeFirst();
    return ok({ added: inserted !== undefined });
  });
}

/** Withdraws the member's endorsement (`removed` false when there was none to withdraw). */
export async function withdrawEndorsement(
  db: Db,
  userId: string,
  projectId: string,
  proposalId: string,
): Promise<Outcome<{ removed: boolean }>> {
  return db.transaction().execute(async (trx): Promise<Outcome<{ removed: boolean }>> => {
    const p = await lockProposalStatus(trx, projectId, proposalId);
    if (!p || !ENDORSABLE.includes(p.status)) return ok({ removed: false });
    const deleted = await trx
      .deleteFrom("book_endorsement")
      .where("proposal_id", "=", proposalId)
      .where("user_id", "=", userId)
      .returning("user_id")
      .executeTakeFirst();
    return ok({ removed: deleted !== undefined });
  });
}

/** A member's comment on a live proposal (not on rejected or merged ones). */
export async function addComment(db: Db, userId: string, projectId: string, proposalId: string, body: string): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const p = await lockProposalStatus(trx, projectId, proposalId);
    if (!p) return refuse(404, "bookProposals.errors.notFound");
    if (!ENDORSABLE.includes(p.status)) return refuse(409, "bookProposals.errors.commentClosed");
    await trx.insertInto("book_comment").values({ proposal_id: proposalId, author_id: userId, body }).execute();
    return ok();
  });
}

export interface ListFilters {
  /** Part of the name, folded (accents and case ignored). */
  q?: string;
  themeId?: string;
  /** Statuses to show; the public list never passes rejected or merged. */
  statuses: readonly ProposalStatus[];
  /** Service overlapping these years. */
  from?: number;
  to?: number;
  sort?: Sort;
  page?: number;
  pageSize?: number;
}

/**
 * One page of proposals in one statement: the total from a window count, endorsements from a
 * grouped subquery over this project's endorsements only.
 */
export async function listProposals(db: DbOrTrx, projectId: string, filters: ListFilters, locale: Locale) {
  const pageSize = filters.pageSize ?? PAGE_SIZE;
  const page = filters.page ?? 1;
  if (filters.statuses.length === 0) return { rows: [], total: 0, page: 1 };
  let q = db
    .selectFrom("book_proposal as p")
    .innerJoin("book_theme as t", "t.id", "p.theme_id")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("book_endorsement as e")
          .innerJoin("book_proposal as ep", "ep.id", "e.proposal_id")
          .where("ep.project_id", "=", projectId)
          .groupBy("e.proposal_id")
          .select(["e.proposal_id", (e) => e.fn.countAll<string>().as("n")])
          .as("en"),
      (join) => join.onRef("en.proposal_id", "=", "p.id"),
    )
    .select([
      ...subjectColumns("p"),
      "p.status",
      "p.created_at",
      "t.name_nl as theme_nl",
      "t.name_en as theme_en",
      sql<string>`coalesce(en.n, 0)`.as("endorsements"),
      sql<string>`count(*) over ()`.as("total"),
    ])
    .where("p.project_id", "=", projectId)
    .where("p.status", "in", [...filters.statuses]);
  if (filters.q) q = q.where(foldedNameContains(sql`p.name`, filters.q));
  if (filters.themeId) q = q.where("p.theme_id", "=", filters.themeId);
  if (filters.from !== undefined) q = q.where("p.service_to", ">=", filters.from);
  if (filters.to !== undefined) q = q.where("p.service_from", "<=", filters.to);
  const filtered = q;
  if (filters.sort === "nieuw") q = q.orderBy("p.created_at", "desc");
  else if (filters.sort === "naam") q = q.orderBy(sql`lauwer_fold(p.name)`);
  else q = q.orderBy(sql`coalesce(en.n, 0)`, "desc").orderBy("p.created_at", "desc");
  const ordered = q.orderBy("p.id");
  const fetchPage = (n: number) =>
    ordered
      .limit(pageSize)
      .offset((n - 1) * pageSize)
      .execute();
  let shown = page;
  let rows = await fetchPage(page);
  let total = Number(rows[0]?.total ?? 0);
  if (!rows.length && page > 1) {
    // Past the end (a typed page number, or the list shrank): the window count has no row to ride
    // on, so count on its own and show the last page instead.
    const counted = await filtered
      .clearSelect()
      .select(sql<string>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    total = Number(counted.n);
    if (total > 0) {
      shown = Math.ceil(total / pageSize);
      rows = await fetchPage(shown);
      total = Number(rows[0]?.total ?? total);
    }
  }
  return {
    total,
    /** The page shown: the one asked for, or the last one when that is past the end. */
    page: shown,
    rows: rows.map((r) => ({
      ...subjectOf(r),
      status: r.status as ProposalStatus,
      createdAt: r.created_at,
      theme: pick(locale, r.theme_nl, r.theme_en),
      endorsements: Number(r.endorsements),
    })),
  };
}

/**
 * The folded name contains the folded term literally. The term is folded first and then escaped for
 * LIKE (%, _ and the escape character match themselves): folding can produce wildcards, e.g. a
 * fullwidth ％ becomes %.
 */
export function foldedNameContains(name: RawBuilder<unknown>, term: string) {
  return sql<boolean>`lauwer_fold(${name}) like '%' || replace(replace(replace(lauwer_fold(${term}), '!', '!!'), '%', '!%'), '_', '!_') || '%' escape '!'`;
}

/** Reads a whole year (1000–2999) from a query parameter, else undefined. */
export function yearParam(value: string | null): number | undefined {
  if (!value || !/^\d{4}$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return n >= 1000 && n <= 2999 ? n : undefined;
}

/** A page number from a query parameter (1 when absent or out of range). */
export function pageParam(value: string | null): number {
  const n = Number(value ?? "1");
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}
