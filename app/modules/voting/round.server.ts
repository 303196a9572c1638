import { randomInt } from "node:crypto";
import { sql, type Selectable } from "kysely";
import type { RoundTable } from "../../../db/types";
import type { Db, DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import type { EditionView } from "~/modules/awards/edition.server";
import { SLUG } from "~/modules/awards/edition.server";
import type { TieBreak } from "../../../db/types";
import { rankTally, topK, type RankedRow, type TallyRow } from "./rules";
import { cachedCounts, recountedCounts, type CandidateCount } from "./tally.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { pick } from "~/lib/locale";

export const VOTE_KINDS = ["public_vote", "live_vote"] as const;
export type VotingRound = Selectable<RoundTable> & { db_now: Date };
export type RoundState = "upcoming" | "open" | "closed";

/** Round rows with the database clock (db_now), which decides whether a round is open. */
export const selectRounds = (db: DbOrTrx) =>
  db
    .selectFrom("round")
    .selectAll()
    .select(sql<Date>`now()`.as("db_now"));

/** A round of an edition by its position in the procedure, of one of `kinds`; 404 when there is none. */
export async function loadRoundOfKind(
  db: DbOrTrx,
  editionId: string,
  position: string | undefined,
  kinds: ReadonlyArray<VotingRound["kind"]>,
): Promise<VotingRound> {
  if (!position || !/^\d{1,3}$/.test(position)) throw new Response("Not found", { status: 404 });
  const round = await selectRounds(db)
    .where("edition_id", "=", editionId)
    .where("position", "=", Number(position))
    .where("kind", "in", kinds)
    .executeTakeFirst();
  if (!round) throw new Response("Not found", { status: 404 });
  return round;
}

/** A vote round of an edition by its position in the procedure; 404 when it is not a vote. */
export const loadVotingRound = (db: DbOrTrx, editionId: string, position: string | undefined) =>
  loadRoundOfKind(db, editionId, position, VOTE_KINDS);

/** The round row, locked for the rest of the transaction. */
const lockRound = (trx: DbOrTrx, roundId: string) => selectRounds(trx).where("id", "=", roundId).forUpdate();

export function roundState(round: Pick<VotingRound, "opens_at" | "closes_at" | "db_now">): RoundState {
  const now = round.db_now;
  if (!round.opens_at || now < round.opens_at) return "upcoming";
  if (round.closes_at && now >= round.closes_at) return "closed";
  return "open";
}

/** Public totals: after publication, live when the round says so, and for a live vote once revealed. */
export function totalsVisible(round: Pick<VotingRound, "results_published_at" | "show_live_totals" | "revealed_at" | "opens_at">): boolean {
  return round.results_published_at !== null || (round.show_live_totals && round.opens_at !== null) || round.revealed_at !== null;
}

export function categoryBySlug(edition: EditionView, slug: string | undefined) {
  if (!slug || !SLUG.test(slug)) throw new Response("Not found", { status: 404 });
  const category = edition.categories.find((c) => c.slug === slug);
  if (!category) throw new Response("Not found", { status: 404 });
  return category;
}

/**
 * Where a round's candidates come from: every public candidate (source "all"), or those who advanced
 * from the nearest earlier round that selects (a round with advancement "none" passes its own
 * candidates on unchanged, e.g. public prize → jury prize → live vote among the same finalists).
 * Returns the id of the round whose advancement list applies, or null for all candidates.
 */
export async function candidateSource(db: DbOrTrx, round: Pick<VotingRound, "edition_id" | "position" | "source">): Promise<string | null> {
  if (round.source === "all") return null;
  const earlier = await db
    .selectFrom("round")
    .select(["id", "kind", "position", "source", "advancement"])
    .where("edition_id", "=", round.edition_id)
    .where("position", "<", round.position)
    .orderBy("position", "desc")
    .execute();
  for (const prev of earlier) {
    if (prev.advancement !== "none") {
      if (prev.kind === "public_vote") await ensureAdvanced(db, prev.id);
      return prev.id;
    }
    if (prev.source === "all") return null;
  }
  return NO_SOURCE;
}
/** A round with source "previous" but no earlier round: nobody is on its ballot. */
const NO_SOURCE = "00000000-0000-0000-0000-000000000000";

/**
 * The candidates on a round's ballot in one category (alphabetical, never by votes).
 */
export async function roundCandidates(db: DbOrTrx, round: Pick<VotingRound, "edition_id" | "position" | "source">, categoryId?: string) {
  let q = db
    .selectFrom("nominee as n")
    .select(["n.id", "n.name", "n.organisation", "n.category_id"])
    .where("n.edition_id", "=", round.edition_id)
    .where("n.is_candidate", "=", true);
  if (categoryId) q = q.where("n.category_id", "=", categoryId);
  const source = await candidateSource(db, round);
  if (source !== null) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("round_advancement as a").whereRef("a.nominee_id", "=", "n.id").where("a.round_id", "=", source)),
    );
  }
  return q
    .orderBy(sql`lauwer_fold(n.name)`)
    .orderBy("n.id")
    .execute();
}

/**
 * Who advanced from a round is public only once it advanced and its result is published — a vote's
 * results, or the organizer's confirmed shortlist of a jury round or an organizer selection (every
 * kind marks it in results_published_at). Until then a later round shows no one, takes no ballot or
 * score, and says it waits (the database refuses ballots and scores too: lauwer_round_waiting).
 */
export async function sourceUnpublished(db: DbOrTrx, sourceRoundId: string | null): Promise<boolean> {
  return (await waitingFor(db, sourceRoundId)) !== null;
}

/** The source round a round waits for (its names), or null when its candidates are known. */
export async function waitingFor(db: DbOrTrx, sourceRoundId: string | null) {
  if (!sourceRoundId) return null;
  const r = await db
    .selectFrom("round")
    .select(["name_nl", "name_en", "advanced_at", "results_published_at"])
    .where("id", "=", sourceRoundId)
    .executeTakeFirst();
  return r !== undefined && (r.advanced_at === null || r.results_published_at === null) ? { name_nl: r.name_nl, name_en: r.name_en } : null;
}

/** The name of the round this round waits for (in the reader's language), or null when it waits for none. */
export async function waitingName(db: DbOrTrx, round: Pick<VotingRound, "edition_id" | "position" | "source">, locale: Locale) {
  const w = await waitingFor(db, await candidateSource(db, round));
  return w ? pick(locale, w.name_nl, w.name_en) : null;
}

/**
 * The organizers' motivations for a confirmed selection whose round shows them publicly (a round
 * setting), per nominee; empty otherwise. The next round's jury reads them on the dossier regardless.
 */
export async function publicMotivations(db: DbOrTrx, sourceRoundId: string | null, categoryId: string) {
  if (!sourceRoundId) return [];
  return db
    .selectFrom("round_advancement as a")
    .innerJoin("round as r", "r.id", "a.round_id")
    .innerJoin("nominee as n", "n.id", "a.nominee_id")
    .select(["n.id", "n.name", "a.reason"])
    .where("a.round_id", "=", sourceRoundId)
    .where("a.category_id", "=", categoryId)
    .where("r.kind", "=", "organizer_selection")
    .where("r.show_motivations", "=", true)
    .where("r.results_published_at", "is not", null)
    .where("n.is_candidate", "=", true)
    .orderBy(sql`lauwer_fold(n.name)`)
    .execute();
}

// Who may vote lives in one place (the ballot statement uses the same condition).
export { whyIneligible, type Ineligible } from "./eligibility.server";

/**
 * Counted ballots per candidate of a round (voided ballots excluded), with candidates without votes.
 * The one tally behind every page: results, organizer view, projector and advancement. It reads the
 * incremental counts (ADR 0035), which equal a full recount of the rows (recountTally) at any moment.
 */
export async function tally(db: DbOrTrx, round: TallyRound) {
  const [candidates, counts] = await Promise.all([roundCandidates(db, round), cachedCounts(db, round.id)]);
  return assembleTally(round, candidates, counts);
}

/** The same tally recounted from every ballot row: the reference for tests and the bench. */
export async function recountTally(db: DbOrTrx, round: TallyRound) {
  const { perCategory } = assembleTally(round, await roundCandidates(db, round), await recountedCounts(db, round.id));
  const ballots = await db
    .selectFrom("ballot")
    .select(["category_id", sql<number>`count(*)::int`.as("n")])
    .where("round_id", "=", round.id)
    .where("voided_at", "is", null)
    .groupBy("category_id")
    .execute();
  return { perCategory, ballotsPerCategory: new Map(ballots.map((b) => [b.category_id, b.n])) };
}

type TallyRound = Pick<VotingRound, "id" | "edition_id" | "position" | "source" | "max_choices">;

function assembleTally(round: TallyRound, candidates: Array<{ id: string; name: string; category_id: string }>, counts: CandidateCount[]) {
  const byId = new Map(counts.map((c) => [c.nominee_id, c]));
  const perCategory = new Map<string, TallyRow[]>();
  for (const cand of candidates) {
    const c = byId.get(cand.id);
    const row: TallyRow = {
      nomineeId: cand.id,
      name: cand.name,
      votes: c?.votes ?? 0,
      // Borda points: a choice of rank r earns max_choices + 1 - r (the rules lock once the round opens).
      points: c ? c.votes * (round.max_choices + 1) - c.rank_sum : 0,
      first: c?.firsts ?? 0,
    };
    perCategory.set(cand.category_id, [...(perCategory.get(cand.category_id) ?? []), row]);
  }
  // A counted ballot has exactly one choice of rank 1, so its category's ballots are its first preferences
  // (for every candidate chosen, also one who is no longer a candidate).
  const ballotsPerCategory = new Map<string, number>();
  for (const c of counts) ballotsPerCategory.set(c.category_id, (ballotsPerCategory.get(c.category_id) ?? 0) + c.firsts);
  for (const [id, n] of ballotsPerCategory) if (n === 0) ballotsPerCategory.delete(id);
  return { perCategory, ballotsPerCategory };
}

export interface CategoryResult {
  categoryId: string;
  name: string;
  ballots: number;
  rows: RankedRow[];
}

export async function rankedResults(db: DbOrTrx, round: VotingRound, categories: EditionView["categories"]): Promise<CategoryResult[]> {
  const { perCategory, ballotsPerCategory } = await tally(db, round);
  return categories.map((c) => ({
    categoryId: c.id,
    name: c.name,
    ballots: ballotsPerCategory.get(c.id) ?? 0,
    rows: rankTally(perCategory.get(c.id) ?? [], round.ballot_mode, round.tie_break),
  }));
}

/** Who advances from a closed top-K round in one category, as the round's rule decided. */
export interface Decided {
  nomineeId: string;
  categoryId: string;
  place: number;
  score: number | null;
  by: "rule" | "tie_rule";
}

/**
 * Records who advanced from a closed top-K round, once: the round row is locked and advanced_at set
 * in the same transaction, so two processes closing the same round write it once. `decide` reads the
 * round's final ranking (votes or the jury's aggregate) inside that transaction.
 */
export async function advanceOnce(
  db: DbOrTrx,
  roundId: string,
  kinds: readonly string[],
  decide: (trx: DbOrTrx, round: VotingRound) => Promise<Decided[]>,
): Promise<void> {
  // Fast path without a lock: once advanced, a round stays advanced (every ballot of a later round comes here).
  const done = await db.selectFrom("round").select("advanced_at").where("id", "=", roundId).executeTakeFirst();
  if (!done || done.advanced_at) return;
  const run = async (trx: DbOrTrx) => {
    const round = await lockRound(trx, roundId).executeTakeFirst();
    if (!round || round.advanced_at || !kinds.includes(round.kind) || round.advancement !== "top_k" || roundState(round) !== "closed")
      return;
    const decided = (await decide(trx, round)).map((a) => ({
      round_id: round.id,
      nominee_id: a.nomineeId,
      category_id: a.categoryId,
      place: a.place,
      score: a.score,
      decided_by: a.by,
    }));
    if (decided.length)
      await trx
        .insertInto("round_advancement")
        .values(decided)
        .onConflict((oc) => oc.doNothing())
        .execute();
    await trx
      .updateTable("round")
      .set({ advanced_at: sql`now()` })
      .where("id", "=", round.id)
      .execute();
    await writeAudit(trx, { actorId: null }, { action: "round.advance", entityType: "round", entityId: round.id, after: decided });
  };
  if ("isTransaction" in db && db.isTransaction) await run(db);
  else await (db as Db).transaction().execute(run);
}

/**
 * Records who advanced from a closed top-K vote round, once. Runs from the maintenance timer, and
 * lazily wherever the next round or the organizer needs it.
 */
export function ensureAdvanced(db: DbOrTrx, roundId: string): Promise<void> {
  return advanceOnce(db, roundId, ["public_vote"], async (trx, round) => {
    const { perCategory } = await tally(trx, round);
    return [...perCategory].flatMap(([categoryId, rows]) =>
      topK(rankTally(rows, round.ballot_mode, round.tie_break), round.advance_k ?? 0, round.tie_break).advance.map((a) => ({
        nomineeId: a.nomineeId,
        categoryId,
        place: a.place,
        score: a.score,
        by: a.by,
      })),
    );
  });
}

/** The top-K rounds of these kinds that closed and have not advanced yet (for the maintenance timer). */
export function closedUnadvanced(db: DbOrTrx, kinds: Array<"public_vote" | "jury">) {
  return db
    .selectFrom("round")
    .select(["id", "kind"])
    .where("kind", "in", kinds)
    .where("advancement", "=", "top_k")
    .where("advanced_at", "is", null)
    .where("closes_at", "<=", sql<Date>`now()`)
    .execute();
}

export function roundName(round: Pick<VotingRound, "name_nl" | "name_en">, locale: Locale) {
  return pick(locale, round.name_nl, round.name_en);
}

const SHORT_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
const shortCode = () => Array.from({ length: 6 }, () => SHORT_ALPHABET[randomInt(SHORT_ALPHABET.length)]).join("");

/** Organizer controls of a live vote: open now, close now, reveal results on the projector. Each is audited. */
export async function liveControl(db: Db, actor: Actor, roundId: string, action: "open" | "close" | "reveal"): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const round = await trx.selectFrom("round").selectAll().where("id", "=", roundId).forUpdate().executeTakeFirst();
    if (!round || round.kind !== "live_vote") return refuse(404, "moderation.errors.notFound");
    if (action === "open") {
      if (round.opens_at) return refuse(409, "voting.errors.alreadyOpened");
      await trx
        .updateTable("round")
        .set({ opens_at: sql`now()`, short_code: round.short_code ?? shortCode() })
        .where("id", "=", roundId)
        .execute();
    } else if (action === "close") {
      if (!round.opens_at || round.closes_at) return refuse(409, "voting.errors.notOpen");
      // Audit first, close last: clock_timestamp() is taken by the final statement before the commit,
      // so the ballots committing after it are as few as possible (and all refused by their trigger).
      await writeAudit(trx, actor, { action: "round.live.close", entityType: "round", entityId: roundId });
      await trx
        .updateTable("round")
        .set({ closes_at: sql`clock_timestamp()` })
        .where("id", "=", roundId)
        .execute();
      return ok();
    } else {
      if (!round.opens_at) return refuse(409, "voting.errors.notOpen");
      if (round.revealed_at) return ok();
      await trx
        .updateTable("round")
        .set({ revealed_at: sql`now()` })
        .where("id", "=", roundId)
        .execute();
    }
    await writeAudit(trx, actor, { action: `round.live.${action}`, entityType: "round", entityId: roundId });
    return ok();
  });
}

/** Makes a closed round's totals public. Audited; there is no unpublish (a later snapshot supersedes). */
export async function publishResults(db: Db, actor: Actor, roundId: string): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const round = await lockRound(trx, roundId).executeTakeFirst();
    if (!round) return refuse(404, "moderation.errors.notFound");
    if (roundState(round) !== "closed") return refuse(409, "voting.errors.notClosed");
    if (round.results_published_at) return ok();
    await trx
      .updateTable("round")
      .set({ results_published_at: sql`now()` })
      .where("id", "=", roundId)
      .execute();
    await writeAudit(trx, actor, { action: "round.publish", entityType: "round", entityId: roundId });
    return ok();
  });
}

/** Organizers settle a tie the round's rule left open: the chosen candidates advance, with the reason. */
export async function decideTie(
  db: Db,
  actor: Actor,
  round: VotingRound,
  categoryId: string,
  chosen: string[],
  reason: string,
  // The category's final ranking and how the round's rule reads it: the tally by default; a jury
  // round passes the jury's aggregate (and its own advancement).
  rules: {
    advance: (trx: DbOrTrx, roundId: string) => Promise<void>;
    ranked: (trx: DbOrTrx, round: VotingRound) => Promise<RankedRow[]>;
    tieBreak: TieBreak;
  } = {
    advance: ensureAdvanced,
    ranked: async (trx, r) => rankTally((await tally(trx, r)).perCategory.get(categoryId) ?? [], r.ballot_mode, r.tie_break),
    tieBreak: round.tie_break,
  },
): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const locked = await lockRound(trx, round.id).executeTakeFirstOrThrow();
    // Only a closed round has a final ranking, and its rule-based advancement is recorded first.
    if (roundState(locked) !== "closed" || locked.advancement !== "top_k") return refuse(400, "voting.errors.notClosed");
    await rules.advance(trx, round.id);
    const { undecided } = topK(await rules.ranked(trx, round), round.advance_k ?? 0, rules.tieBreak);
    const already = await trx
      .selectFrom("round_advancement")
      .select("nominee_id")
      .where("round_id", "=", round.id)
      .where("category_id", "=", categoryId)
      .where("decided_by", "=", "organizer")
      .execute();
    if (!undecided || already.length > 0) return refuse(400, "voting.errors.noTie");
    if (chosen.length !== undecided.seats || !chosen.every((id) => undecided.nomineeIds.includes(id)))
      return refuse(400, "voting.errors.tieSeats");
    // Never more than K: what the rule recorded plus the organizers' choice.
    const recorded = await trx
      .selectFrom("round_advancement")
      .select("nominee_id")
      .where("round_id", "=", round.id)
      .where("category_id", "=", categoryId)
      .execute();
    if (recorded.length + chosen.length > (locked.advance_k ?? 0)) return refuse(400, "voting.errors.tieSeats");
    const rows = chosen.map((id) => ({
      round_id: round.id,
      nominee_id: id,
      category_id: categoryId,
      place: undecided.place,
      score: null,
      decided_by: "organizer" as const,
      reason,
    }));
    await trx.insertInto("round_advancement").values(rows).execute();
    await writeAudit(trx, actor, {
      action: "round.tie.decide",
      entityType: "round",
      entityId: round.id,
      after: { categoryId, chosen, reason },
    });
    return ok();
  });
}

/**
 * Who advanced from a round, by place, with the nominee's name, who decided and why. The public page
 * asks for public candidates only (a withdrawn or erased nominee is left out); organizers see all.
 */
export function listAdvanced(db: DbOrTrx, roundId: string, { candidatesOnly }: { candidatesOnly: boolean }) {
  return db
    .selectFrom("round_advancement as a")
    .innerJoin("nominee as n", "n.id", "a.nominee_id")
    .select(["a.category_id", "a.nominee_id", "n.name", "a.decided_by", "a.reason", "a.place"])
    .where("a.round_id", "=", roundId)
    .$if(candidatesOnly, (qb) => qb.where("n.is_candidate", "=", true))
    .orderBy("a.place")
    .execute();
}

/**
 * The ties at the cut of a closed top-K round that the tie rule did not settle and no organizer has
 * decided yet, per category, with the tied candidates.
 */
export function openTies(
  round: Pick<VotingRound, "advancement" | "advance_k" | "tie_break" | "opens_at" | "closes_at" | "db_now">,
  results: CategoryResult[],
  advanced: Array<{ category_id: string; decided_by: string }>,
  counts?: (r: RankedRow) => boolean,
) {
  if (roundState(round) !== "closed" || round.advancement !== "top_k") return [];
  return results.flatMap((r) => {
    const { undecided } = topK(r.rows, round.advance_k ?? 0, round.tie_break, counts);
    const decided = advanced.some((a) => a.category_id === r.categoryId && a.decided_by === "organizer");
    if (!undecided || decided) return [];
    return [
      {
        categoryId: r.categoryId,
        category: r.name,
        place: undecided.place,
        seats: undecided.seats,
        candidates: r.rows
          .filter((row) => undecided.nomineeIds.includes(row.nomineeId))
          .map((row) => ({ id: row.nomineeId, name: row.name })),
      },
    ];
  });
}

/** A vote round as its pages show it: the name in the reader's language, the state by the database clock, the window and the ballot's rules. */
export function roundView(round: VotingRound, locale: Locale) {
  return {
    position: round.position,
    kind: round.kind,
    name: roundName(round, locale),
    state: roundState(round),
    opensAt: round.opens_at?.toISOString() ?? null,
    closesAt: round.closes_at?.toISOString() ?? null,
    mode: round.ballot_mode,
    maxChoices: round.max_choices,
    allowChange: round.allow_change,
  };
}

/** A category's ranked tally as the pages' tally tables show it. */
export function tallyView(result: CategoryResult) {
  return {
    name: result.name,
    ballots: result.ballots,
    rows: result.rows.map((row) => ({
      id: row.nomineeId,
      name: row.name,
      votes: row.votes,
      points: row.points,
      place: row.place,
      tied: row.tied,
    })),
  };
}
