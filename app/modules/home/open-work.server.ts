import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { pick } from "~/lib/locale";
import { controlRoom } from "~/modules/awards/control-room.server";
import { listMyNominations } from "~/modules/awards/mine.server";
import { jurorCandidates } from "~/modules/jury/jury.server";
import { mayVote, providersToVoteWith } from "~/modules/voting/eligibility.server";
import { candidateSource, roundState, sourceUnpublished, VOTE_KINDS } from "~/modules/voting/round.server";

/** Round rows (only the round's columns) with the database clock, ready for joins. */
const roundsWithClock = (db: DbOrTrx) =>
  db
    .selectFrom("round")
    .selectAll("round")
    .select(sql<Date>`now()`.as("db_now"));

/** The areas of the site a person works in, for the header: one query on every signed-in page. */
export interface NavAreas {
  /** Platform admin: roles and the audit log besides Beheer and Redactie. */
  admin: boolean;
  /** Platform admin or organizer of an award: Beheer. */
  manage: boolean;
  /** A jury seat (with the jury role still granted): Jury. */
  jury: boolean;
  /** Editor of a book project (or platform admin): Redactie. */
  edit: boolean;
  /** The book project the person writes for (the first by title), for "Mijn portretten"; null when none. */
  authorProject: string | null;
}

export const NO_AREAS: NavAreas = { admin: false, manage: false, jury: false, edit: false, authorProject: null };

export async function navAreas(db: DbOrTrx, userId: string): Promise<NavAreas> {
  const { rows } = await sql<{ admin: boolean; manage: boolean; jury: boolean; edit: boolean; author_project: string | null }>`
    select
      exists (select 1 from role_grant g where g.user_id = ${userId}::uuid and g.role = 'admin') as admin,
      exists (select 1 from role_grant g where g.user_id = ${userId}::uuid and g.role in ('admin', 'organizer')) as manage,
      exists (select 1 from jury_member m join role_grant g on g.user_id = m.user_id and g.edition_id = m.edition_id and g.role = 'jury'
              where m.user_id = ${userId}::uuid) as jury,
      exists (select 1 from role_grant g where g.user_id = ${userId}::uuid and g.role in ('admin', 'editor')) as edit,
      (select p.slug from book_author b join book_project p on p.id = b.project_id
        where b.user_id = ${userId}::uuid order by p.title_nl limit 1) as author_project`.execute(db);
  const r = rows[0];
  return r ? { admin: r.admin, manage: r.manage, jury: r.jury, edit: r.edit, authorProject: r.author_project } : NO_AREAS;
}

export type JurorRoundState = "open" | "waiting" | "closed";

/**
 * A juror's jury rounds (every edition where they hold a seat with the jury role still granted) with
 * where each stands — open, waiting (not yet open, or its candidates not yet known) or closed — its
 * window, and how many of their candidates they scored completely (recusals not counted). Open rounds
 * first (soonest deadline first), then waiting, then closed (newest first).
 */
export async function listJurorRounds(db: DbOrTrx, userId: string, locale: Locale) {
  const rows = await roundsWithClock(db)
    .innerJoin("jury_member as m", "m.edition_id", "round.edition_id")
    .innerJoin("role_grant as g", (j) =>
      j.onRef("g.user_id", "=", "m.user_id").onRef("g.edition_id", "=", "m.edition_id").on("g.role", "=", "jury"),
    )
    .innerJoin("edition as e", "e.id", "round.edition_id")
    .innerJoin("award as a", "a.id", "e.award_id")
    .select([
      "m.category_ids",
      "a.slug as award_slug",
      "a.name_nl as award_nl",
      "a.name_en as award_en",
      "e.year",
      (eb) =>
        eb
          .selectFrom("criterion as c")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("c.round_id", "=", "round.id")
          .as("criteria"),
    ])
    .where("m.user_id", "=", userId)
    .where("round.kind", "=", "jury")
    .execute();
  const rounds = await Promise.all(
    rows.map(async (r) => {
      const window = roundState(r);
      const awaiting = window === "open" && (await sourceUnpublished(db, await candidateSource(db, r)));
      const state: JurorRoundState = window === "closed" ? "closed" : window === "upcoming" || awaiting ? "waiting" : "open";
      const candidates = state === "waiting" ? [] : await jurorCandidates(db, r, { user_id: userId, category_ids: r.category_ids });
      const counted = candidates.filter((c) => !c.recused);
      const criteria = r.criteria ?? 0;
      return {
        href: `/jury/${r.award_slug}/${r.year}/${r.position}`,
        award: `${pick(locale, r.award_nl, r.award_en)} ${r.year}`,
        name: pick(locale, r.name_nl, r.name_en),
        year: r.year,
        position: r.position,
        state,
        /** Open by its window, but its candidates are not known yet (the previous round is not settled). */
        awaiting,
        opensAt: r.opens_at?.toISOString() ?? null,
        closesAt: r.closes_at?.toISOString() ?? null,
        done: counted.filter((c) => criteria > 0 && Number(c.scored) >= criteria).length,
        expected: counted.length,
      };
    }),
  );
  const rank: Record<JurorRoundState, number> = { open: 0, waiting: 1, closed: 2 };
  const time = (iso: string | null, none: number) => (iso ? Date.parse(iso) : none);
  return rounds.sort(
    (a, b) =>
      rank[a.state] - rank[b.state] ||
      (a.state === "closed"
        ? time(b.closesAt, 0) - time(a.closesAt, 0)
        : time(a.closesAt, Number.MAX_SAFE_INTEGER) - time(b.closesAt, Number.MAX_SAFE_INTEGER)) ||
      b.year - a.year ||
      a.award.localeCompare(b.award) ||
      a.position - b.position,
  );
}

export type JurorRound = Awaited<ReturnType<typeof listJurorRounds>>[number];

/** The signed-in person as the open-work lists need them, with the session they look with. */
export interface Person {
  id: string;
  email: string;
  /** How this session signed in ('password', 'oidc:<slug>'): a round limited to providers looks at it. */
  session?: { id: string; authMethod: string } | null;
}

/**
 * The votes open to this person right now: open vote rounds whose candidates are known, where this
 * account in this session may vote — the ballot statement's own rule (mayVote) — with how many
 * categories they voted in. The ballot is one click away: the category's ballot when the edition has
 * one category, else the round. A round limited to identity providers that this session did not sign
 * in through is listed too, with the providers to sign in with (`signInWith`): signing in there is what
 * would let them vote. (Signed in through one already, but not of the round's organisations: nothing.)
 */
export async function listOpenVotes(db: DbOrTrx, user: Person, locale: Locale) {
  const rows = await roundsWithClock(db)
    .innerJoin("edition as e", "e.id", "round.edition_id")
    .innerJoin("award as a", "a.id", "e.award_id")
    .select([
      "a.slug as award_slug",
      "a.name_nl as award_nl",
      "a.name_en as award_en",
      "e.year",
      (eb) =>
        eb
          .selectFrom("category as c")
          .select(sql<string[]>`array_agg(c.slug order by c.position)`.as("s"))
          .whereRef("c.edition_id", "=", "round.edition_id")
          .as("category_slugs"),
      (eb) =>
        eb
          .selectFrom("ballot as b")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("b.round_id", "=", "round.id")
          .where("b.voter_id", "=", user.id)
          .where("b.voided_at", "is", null)
          .as("voted"),
      mayVote("round", user).as("eligible"),
      sql<boolean>`exists (select 1 from app_user u where u.id = ${user.id}::uuid and u.email_verified_at is not null)`.as("verified"),
    ])
    .where("round.kind", "in", VOTE_KINDS)
    .where("round.opens_at", "<=", sql<Date>`now()`)
    .where((eb) => eb.or([eb("round.closes_at", "is", null), eb("round.closes_at", ">", sql<Date>`now()`)]))
    .orderBy("round.closes_at")
    .execute();
  const open = [];
  for (const r of rows) {
    const signInWith = !r.eligible && r.verified ? providersToVoteWith(r, user.session) : [];
    if (!r.eligible && signInWith.length === 0) continue;
    if (await sourceUnpublished(db, await candidateSource(db, r))) continue;
    const slugs = r.category_slugs ?? [];
    const base = `/prijzen/${r.award_slug}/${r.year}/ronde/${r.position}`;
    open.push({
      href: slugs.length === 1 ? `${base}/${slugs[0]}` : base,
      award: `${pick(locale, r.award_nl, r.award_en)} ${r.year}`,
      name: pick(locale, r.name_nl, r.name_en),
      closesAt: r.closes_at?.toISOString() ?? null,
      categories: slugs.length,
      voted: r.voted ?? 0,
      /** Not yet: the identity providers to sign in with first (empty when the person may vote). */
      signInWith,
    });
  }
  return open;
}

/** An author's portraits still to write or revise (assigned or returned by the editor), soonest due first. */
export async function listDuePortraits(db: DbOrTrx, userId: string, locale: Locale) {
  const rows = await db
    .selectFrom("book_assignment as s")
    .innerJoin("book_proposal as p", "p.id", "s.proposal_id")
    .innerJoin("book_project as b", "b.id", "s.project_id")
    .select(["s.proposal_id", "s.status", "s.due_at", "p.name", "b.slug", "b.title_nl", "b.title_en", "b.drafts_due_at"])
    .where("s.user_id", "=", userId)
    .where("s.status", "in", ["assigned", "returned"])
    .orderBy(sql`coalesce(s.due_at, b.drafts_due_at)`, sql`asc nulls last`)
    .orderBy("p.name")
    .execute();
  return rows.map((r) => ({
    href: `/boek/${r.slug}/mijn-portretten/${r.proposal_id}`,
    name: r.name,
    project: pick(locale, r.title_nl, r.title_en),
    status: r.status as "assigned" | "returned",
    dueAt: (r.due_at ?? r.drafts_due_at)?.toISOString() ?? null,
  }));
}

/**
 * The running editions of the awards this person organizes (no published results yet) that need the
 * organizer, with the most urgent action of their control room and how many actions wait.
 */
export async function listOrganizerAttention(db: Db, userId: string, locale: Locale) {
  const editions = await db
    .selectFrom("role_grant as g")
    .innerJoin("edition as e", "e.award_id", "g.award_id")
    .innerJoin("award as a", "a.id", "e.award_id")
    .select([
      "e.id",
      "e.year",
      "e.nomination_opens_at",
      "e.nomination_closes_at",
      "a.slug",
      "a.name_nl",
      "a.name_en",
      sql<Date>`now()`.as("db_now"),
    ])
    .where("g.user_id", "=", userId)
    .where("g.role", "=", "organizer")
    .where((eb) => eb.not(eb.exists(eb.selectFrom("result_snapshot as s").select("s.version").whereRef("s.edition_id", "=", "e.id"))))
    .orderBy("a.name_nl")
    .orderBy("e.year", "desc")
    .execute();
  const out = [];
  for (const e of editions) {
    const categories = await db
      .selectFrom("category")
      .select(["id", "name_nl", "name_en"])
      .where("edition_id", "=", e.id)
      .orderBy("position")
      .execute();
    const opens = e.nomination_opens_at;
    const closes = e.nomination_closes_at;
    const state =
      opens && opens <= e.db_now && (!closes || e.db_now < closes) ? "current" : closes && closes <= e.db_now ? "past" : "future";
    const { actions } = await controlRoom(
      db,
      {
        id: e.id,
        nomination: { opensAt: opens?.toISOString() ?? null, closesAt: closes?.toISOString() ?? null, state },
        categories: categories.map((c) => ({ id: c.id, slug: "", name: pick(locale, c.name_nl, c.name_en) })),
      },
      locale,
    );
    if (!actions.length) continue;
    out.push({
      href: `/beheer/prijzen/${e.slug}/${e.year}`,
      edition: `${pick(locale, e.name_nl, e.name_en)} ${e.year}`,
      first: actions[0]!,
      count: actions.length,
    });
  }
  return out;
}

/** Everything open for this person on the "Mijn Lauwer" page. */
export async function openWork(db: Db, user: Person, locale: Locale) {
  const [votes, jury, portraits, mine, editions] = await Promise.all([
    listOpenVotes(db, user, locale),
    listJurorRounds(db, user.id, locale),
    listDuePortraits(db, user.id, locale),
    listMyNominations(db, user.id),
    listOrganizerAttention(db, user.id, locale),
  ]);
  return {
    votes,
    // The open rounds, and the next two that wait; the jury page lists them all.
    jury: [...jury.filter((r) => r.state === "open"), ...jury.filter((r) => r.state === "waiting").slice(0, 2)],
    portraits,
    nominations: mine.nominations
      .filter((n) => !n.is_supporting)
      .map((n) => ({
        id: n.id,
        name: n.redacted_at ? null : n.name,
        edition: `${pick(locale, n.name_nl, n.name_en)} ${n.year}`,
        state: n.state,
      })),
    editions,
  };
}

export type OpenWork = Awaited<ReturnType<typeof openWork>>;
