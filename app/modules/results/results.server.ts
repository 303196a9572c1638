import { createHash } from "node:crypto";
import { sql, type Transaction } from "kysely";
import type { DB, PrizeKind } from "../../../db/types";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { aggregate, rankAggregate } from "~/modules/jury/aggregate";
import { listCriteria, roundScores } from "~/modules/jury/jury.server";
import { roundCandidates, tally } from "~/modules/voting/round.server";
import { rankTally } from "~/modules/voting/rules";
import { canonicalJson, type Json } from "./canonical";
import type { PrizeInput } from "./results.schema";
import { placeBy, type Entry, type RankKey } from "./ranking";
import { freezeLists, type VoteRoundForRecount } from "./recount.server";

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

export function listPrizes(db: DbOrTrx, editionId: string) {
  return db.selectFrom("prize").selectAll().where("edition_id", "=", editionId).orderBy("position").execute();
}

/** Adds a prize; its rounds are given by position in the procedure and must be of the right kind. Audited. */
export async function addPrize(db: Db, actor: Actor, editionId: string, input: PrizeInput): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    await trx.selectFrom("edition").select("id").where("id", "=", editionId).forUpdate().executeTakeFirstOrThrow();
    const round = async (position: string, kind: "public_vote" | "jury") => {
      if (!position) return null;
      const r = await trx
        .selectFrom("round")
        .select("id")
        .where("edition_id", "=", editionId)
        .where("position", "=", Number(position))
        .where("kind", kind === "jury" ? "=" : "in", kind === "jury" ? "jury" : ["public_vote", "live_vote"])
        .executeTakeFirst();
      return r?.id ?? undefined;
    };
    const needsVote = input.kind !== "jury";
    const needsJury = input.kind === "jury" || input.kind === "combined";
    const voteRound = needsVote ? await round(input.voteRound, "public_vote") : null;
    const juryRound = needsJury ? await round(input.juryRound, "jury") : null;
    if (needsVote && !voteRound) return refuse(400, "results.errors.voteRound");
    if (needsJury && !juryRound) return refuse(400, "results.errors.juryRound");
    const row = await trx
      .insertInto("prize")
      .values({
        edition_id: editionId,
        position: sql<number>`(select coalesce(max(position), 0) + 1 from prize where edition_id = ${editionId})`,
        kind: input.kind,
        name_nl: input.nameNl,
        name_en: input.nameEn,
        vote_round_id: voteRound ?? null,
        jury_round_id: juryRound ?? null,
        public_weight: input.kind === "combined" ? input.publicWeight.replace(",", ".") : 0,
        jury_weight: input.kind === "combined" ? input.juryWeight.replace(",", ".") : 0,
        places: input.kind === "top100" ? 100 : Number(input.places),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: "prize.create", entityType: "prize", entityId: row.id, after: row });
    return ok();
  });
}

export async function deletePrize(db: Db, actor: Actor, editionId: string, prizeId: string): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const removed = await trx
      .deleteFrom("prize")
      .where("id", "=", prizeId)
      .where("edition_id", "=", editionId)
      .returningAll()
      .executeTakeFirst();
    if (!removed) return refuse(404, "moderation.errors.notFound");
    await writeAudit(trx, actor, { action: "prize.delete", entityType: "prize", entityId: prizeId, before: removed });
    return ok();
  });
}

async function voteEntries(db: DbOrTrx, roundId: string) {
  const round = await db.selectFrom("round").selectAll().where("id", "=", roundId).executeTakeFirstOrThrow();
  const { perCategory } = await tally(db, round);
  const out = new Map<string, { votes: number; points?: number; first?: number }>();
  for (const rows of perCategory.values()) {
    for (const r of rankTally(rows, round.ballot_mode, round.tie_break)) {
      // Points and first preferences mean something only for a ranked vote (and only then are they
      // published, so every published number can be recounted from the ballot list).
      out.set(r.nomineeId, round.ballot_mode === "ranked" ? { votes: r.votes, points: r.points, first: r.first } : { votes: r.votes });
    }
  }
  return { round, scores: out };
}

async function juryEntries(db: DbOrTrx, roundId: string) {
  const round = await db.selectFrom("round").selectAll().where("id", "=", roundId).executeTakeFirstOrThrow();
  const [criteria, scores, candidates] = await Promise.all([
    listCriteria(db, roundId),
    roundScores(db, roundId),
    roundCandidates(db, round),
  ]);
  const crit = criteria.map((c) => ({ id: c.id, weight: Number(c.weight), min: c.scale_min, max: c.scale_max }));
  const out = new Map<string, number | null>();
  // Per category, so normalisation and spread stay within what one jury compared.
  const categories = [...new Set(candidates.map((c) => c.category_id))];
  for (const cat of categories) {
    const ids = candidates.filter((c) => c.category_id === cat).map((c) => c.id);
    const rows = rankAggregate(
      aggregate(
        crit,
        scores.map((s) => ({ jurorId: s.juror_id, nomineeId: s.nominee_id, criterionId: s.criterion_id, score: s.score })),
        ids,
        { method: round.aggregation, normalize: round.normalize, minScores: round.min_scores },
      ),
    );
    for (const r of rows) out.set(r.nomineeId, r.score);
  }
  return {
    round,
    scores: out,
    rules: {
      aggregation: round.aggregation,
      normalize: round.normalize,
      criteria: criteria.map((c) => ({ name: c.name_nl, weight: Number(c.weight), scale: [c.scale_min, c.scale_max] })),
    },
  };
}

/**
 * The results of an edition as one JSON value: for every prize its rules and weights, and per
 * category (or, for the Top 100, across categories) the ranking with votes, jury and combined
 * scores. Only public facts: no juror, no voter, no individual score. No timestamps, so the same
 * data always gives the same bytes and hash.
 */
export async function computeResults(
  db: DbOrTrx,
  editionId: string,
  options: {
    /** Publishing: freezes a vote round's recount lists and says what the snapshot holds about them. */
    recount?: (round: VoteRoundForRecount, edition: { id: string; awardSlug: string; year: number }) => Promise<Json>;
  } = {},
): Promise<Json> {
  const edition = await db
    .selectFrom("edition as e")
    .innerJoin("award as a", "a.id", "e.award_id")
    .select(["e.id", "e.year", "a.slug", "a.name_nl", "a.name_en"])
    .where("e.id", "=", editionId)
    .executeTakeFirstOrThrow();
  const [prizes, categories, nominees] = await Promise.all([
    listPrizes(db, editionId),
    db
      .selectFrom("category")
      .select(["id", "slug", "name_nl", "name_en"])
      .where("edition_id", "=", editionId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("nominee")
      .select(["id", "name", "organisation", "category_id"])
      .where("edition_id", "=", editionId)
      .where("is_candidate", "=", true)
      .execute(),
  ]);
  const nomineeById = new Map(nominees.map((n) => [n.id, n]));
  const catSlug = new Map(categories.map((c) => [c.id, c.slug]));
  const entry = (id: string): Entry | null => {
    const n = nomineeById.get(id);
    return n ? { nominee: n.id, name: n.name, organisation: n.organisation, category: catSlug.get(n.category_id) ?? "" } : null;
  };
  const out: Json[] = [];
  for (const prize of prizes) {
    const vote = prize.vote_round_id ? await voteEntries(db, prize.vote_round_id) : null;
    const jury = prize.jury_round_id ? await juryEntries(db, prize.jury_round_id) : null;
    const ids = prize.kind === "public" || prize.kind === "top100" ? [...vote!.scores.keys()] : [...jury!.scores.keys()];
    const pw = Number(prize.public_weight);
    const jw = Number(prize.jury_weight);
    const entries: Entry[] = [];
    for (const id of ids) {
      const e = entry(id);
      if (!e) continue;
      if (vote)
        Object.assign(e, vote.scores.get(id) ?? (vote.round.ballot_mode === "ranked" ? { votes: 0, points: 0, first: 0 } : { votes: 0 }));
      if (jury) e.jury = jury.scores.get(id) ?? null;
      entries.push(e);
    }
    if (prize.kind === "combined") {
      // Public votes normalised to 0–100 within the category (the best gets 100), then weighted with the jury score.
      for (const cat of categories) {
        const inCat = entries.filter((e) => e.category === cat.slug);
        const best = Math.max(0, ...inCat.map((e) => (vote!.round.ballot_mode === "ranked" ? (e.points ?? 0) : (e.votes ?? 0))));
        for (const e of inCat) {
          const raw = vote!.round.ballot_mode === "ranked" ? (e.points ?? 0) : (e.votes ?? 0);
          e.public = round4(best > 0 ? (raw / best) * 100 : 0);
          e.combined = round4((pw * e.public + jw * (e.jury ?? 0)) / (pw + jw));
        }
      }
    }
    // The ranking key, then the tie-breaks this kind of prize uses (published with the results).
    const ranked = vote?.round.ballot_mode === "ranked";
    const keys: RankKey[] =
      prize.kind === "jury"
        ? [{ name: "primary", get: (e) => e.jury }]
        : prize.kind === "combined"
          ? [
              { name: "primary", get: (e) => e.combined },
              { name: "jury", get: (e) => e.jury },
              { name: "public", get: (e) => e.public },
            ]
          : ranked
            ? [
                { name: "primary", get: (e) => e.points },
                { name: "firstPreferences", get: (e) => e.first },
              ]
            : [{ name: "primary", get: (e) => e.votes }];
    const key = keys[0]!.get;
    const tieRule =
      prize.kind === "combined"
        ? "equal combined scores are broken by the jury score, then the public score; what remains shares a place"
        : ranked
          ? "equal points are broken by the number of first preferences; what remains shares a place"
          : "equal scores share a place";
    const rankings =
      prize.kind === "top100"
        ? // The Top 100: places 1–100 (a tie on place 100 keeps everyone tied), and only candidates with votes.
          [{ category: null, ranking: placeBy(entries, keys).filter((p) => p.place <= 100 && (key(p) ?? 0) > 0) }]
        : categories.map((c) => ({
            category: c.slug,
            ranking: placeBy(
              entries.filter((e) => e.category === c.slug),
              keys,
            ),
          }));
    out.push({
      kind: prize.kind satisfies PrizeKind,
      name: { nl: prize.name_nl, en: prize.name_en },
      // The jury's motivation, published next to the winners (both languages or none).
      motivation: prize.motivation_nl ? { nl: prize.motivation_nl, en: prize.motivation_en } : null,
      places: prize.places,
      rules: {
        public: vote
          ? {
              round: vote.round.name_nl,
              ballot: vote.round.ballot_mode,
              maxChoices: vote.round.max_choices,
              counted: "valid (not voided) ballots",
            }
          : null,
        jury: jury ? jury.rules : null,
        weights: prize.kind === "combined" ? { public: pw, jury: jw } : null,
        ties: tieRule,
      },
      rankings: rankings.map((r) => ({
        category: r.category,
        ranking: r.ranking.map((p) => ({ ...p }) as unknown as Json),
      })),
    });
  }
  const result: { [key: string]: Json } = {
    format: "lauwer-results/2",
    award: { slug: edition.slug, nl: edition.name_nl, en: edition.name_en },
    year: edition.year,
    categories: categories.map((c) => ({ slug: c.slug, nl: c.name_nl, en: c.name_en })),
    prizes: out,
  };
  if (options.recount) {
    // Per vote round the prizes use: the counts, hashes and sizes of the lists anyone can recount from.
    const rounds = await voteRoundsOf(db, editionId);
    const recount: Json[] = [];
    for (const r of rounds) recount.push(await options.recount(r, { id: edition.id, awardSlug: edition.slug, year: edition.year }));
    result.recount = recount;
  }
  return result;
}

/** The public and live vote rounds whose totals the edition's prizes publish, by position. */
function voteRoundsOf(db: DbOrTrx, editionId: string) {
  return db
    .selectFrom("round")
    .select(["id", "position", "name_nl", "name_en", "ballot_mode", "max_choices"])
    .where("edition_id", "=", editionId)
    .where("kind", "in", ["public_vote", "live_vote"])
    .where((eb) => eb.exists(eb.selectFrom("prize as p").whereRef("p.vote_round_id", "=", "round.id")))
    .orderBy("position")
    .execute();
}

/**
 * Freezes the recount lists of snapshot `version` and returns the canonical body that holds their
 * hashes, in the caller's transaction (which must see one consistent state: publishing runs in
 * REPEATABLE READ, so the totals and the lists come from the same ballots).
 */
export async function snapshotBody(trx: Transaction<DB>, editionId: string, version: number): Promise<string> {
  return canonicalJson(await computeResults(trx, editionId, { recount: (round, edition) => freezeLists(trx, edition, version, round) }));
}

/** Writes snapshot `version` with its recount lists (the demo's past editions publish this way). */
export async function writeSnapshot(
  trx: Transaction<DB>,
  editionId: string,
  values: { version: number; reason: string | null; publishedBy: string | null; publishedAt?: Date },
) {
  const body = await snapshotBody(trx, editionId, values.version);
  await insertSnapshot(trx, editionId, { ...values, body });
}

function insertSnapshot(
  trx: Transaction<DB>,
  editionId: string,
  v: { version: number; body: string; reason: string | null; publishedBy: string | null; publishedAt?: Date },
) {
  return trx
    .insertInto("result_snapshot")
    .values({
      edition_id: editionId,
      version: v.version,
      body: v.body,
      sha256: sha256(v.body),
      reason: v.reason,
      published_by: v.publishedBy,
      ...(v.publishedAt ? { published_at: v.publishedAt } : {}),
    })
    .execute();
}

export const sha256 = (body: string) => createHash("sha256").update(body, "utf8").digest("hex");

/** A published (or, with the same hash, already published) snapshot. */
export interface Published {
  version: number;
  sha256: string;
  unchanged: boolean;
}

/**
 * Freezes the results as a snapshot: canonical JSON and its SHA-256, append-only. The same results
 * again give the same hash and no new version; different results supersede the last snapshot only
 * with a reason. Audited.
 */
export async function publishSnapshot(db: Db, actor: Actor, editionId: string, reason: string | null): Promise<Outcome<Published>> {
  // One consistent state for the totals, the lists and the hashes (REPEATABLE READ). Publishers
  // queue on the table lock, taken before the transaction's first read, so each sees the versions
  // the one before it wrote. A concurrent change to a round row (rare) is retried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await db
        .transaction()
        .setIsolationLevel("repeatable read")
        .execute((trx) => publishIn(trx, actor, editionId, reason));
    } catch (error) {
      if (attempt >= 3 || (error as { code?: string }).code !== "40001") throw error;
    }
  }
}

async function publishIn(trx: Transaction<DB>, actor: Actor, editionId: string, reason: string | null): Promise<Outcome<Published>> {
  await sql`lock table result_snapshot in share row exclusive mode`.execute(trx);
  // Results are final only when every round a prize uses has closed (running totals never become a snapshot).
  const prizeRounds = await prizeRoundsOf(trx, editionId);
  // Refused with the page, which says why (publishBlockers); nothing is written. A result without a
  // prize would be an empty page that only a new version with a reason could replace.
  const prize = await trx.selectFrom("prize").select("id").where("edition_id", "=", editionId).limit(1).executeTakeFirst();
  if (!prize) return refuse(409, "forms.errors.publishNoPrizes");
  if (prizeRounds.some((r) => !r.closed)) return refuse(409, "forms.errors.publishNotYet");
  const latest = await latestSnapshot(trx, editionId);
  const version = (latest?.version ?? 0) + 1;
  // The lists are frozen as the body is computed; when nothing is published after all, they go again.
  await sql`savepoint recount_lists`.execute(trx);
  const body = await snapshotBody(trx, editionId, version);
  const hash = sha256(body);
  const unchanged = latest !== undefined && latest.sha256 === hash;
  if (unchanged || (latest && (!reason || reason.trim().length < 3))) {
    await sql`rollback to savepoint recount_lists`.execute(trx);
    return unchanged ? ok({ version: latest.version, sha256: hash, unchanged: true }) : refuse(400, "results.errors.reasonRequired");
  }
  await insertSnapshot(trx, editionId, { version, body, reason: latest ? reason!.trim() : null, publishedBy: actor.actorId });
  // The vote rounds' totals are public now, on their round pages too.
  const voteRounds = prizeRounds.filter((r) => r.kind === "public_vote" || r.kind === "live_vote").map((r) => r.id);
  if (voteRounds.length) {
    await trx
      .updateTable("round")
      .set({ results_published_at: sql`now()` })
      .where("id", "in", voteRounds)
      .where("results_published_at", "is", null)
      .execute();
  }
  await writeAudit(trx, actor, {
    action: latest ? "results.supersede" : "results.publish",
    entityType: "edition",
    entityId: editionId,
    after: { version, sha256: hash, reason },
  });
  return ok({ version, sha256: hash, unchanged: false });
}

/** The rounds the edition's prizes use, with whether each has closed (by the database clock). */
function prizeRoundsOf(db: DbOrTrx, editionId: string) {
  return db
    .selectFrom("round as r")
    .select([
      "r.id",
      "r.kind",
      "r.position",
      "r.name_nl",
      "r.name_en",
      "r.closes_at",
      sql<boolean>`r.closes_at is not null and r.closes_at <= now()`.as("closed"),
      sql<
        string[]
      >`array(select p.name_nl from prize p where p.edition_id = r.edition_id and (p.vote_round_id = r.id or p.jury_round_id = r.id) order by p.position)`.as(
        "prizes_nl",
      ),
      sql<
        string[]
      >`array(select p.name_en from prize p where p.edition_id = r.edition_id and (p.vote_round_id = r.id or p.jury_round_id = r.id) order by p.position)`.as(
        "prizes_en",
      ),
    ])
    .where("r.edition_id", "=", editionId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("prize as p")
          .where("p.edition_id", "=", editionId)
          .where((w) => w.or([w("p.vote_round_id", "=", w.ref("r.id")), w("p.jury_round_id", "=", w.ref("r.id"))])),
      ),
    )
    .orderBy("r.position")
    .execute();
}

/**
 * Why the results cannot be published yet: no prize defined, or the prizes' rounds that have not
 * closed (with the prizes waiting for them).
 */
export async function publishBlockers(db: DbOrTrx, editionId: string) {
  const [rounds, prize] = await Promise.all([
    prizeRoundsOf(db, editionId),
    db.selectFrom("prize").select("id").where("edition_id", "=", editionId).limit(1).executeTakeFirst(),
  ]);
  const open = rounds
    .filter((r) => !r.closed)
    .map((r) => ({
      position: r.position,
      nameNl: r.name_nl,
      nameEn: r.name_en,
      closesAt: r.closes_at,
      prizesNl: r.prizes_nl,
      prizesEn: r.prizes_en,
    }));
  return { noPrizes: !prize, open };
}

export function latestSnapshot(db: DbOrTrx, editionId: string) {
  return db
    .selectFrom("result_snapshot")
    .selectAll()
    .where("edition_id", "=", editionId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

export function snapshotHistory(db: DbOrTrx, editionId: string) {
  return db
    .selectFrom("result_snapshot")
    .select(["version", "sha256", "reason", "published_at"])
    .where("edition_id", "=", editionId)
    .orderBy("version", "desc")
    .execute();
}

/**
 * Records the jury's motivation of a prize (both languages, or both empty to remove it). The
 * published snapshot keeps what it was published with; a changed motivation appears in the next
 * version. Audited with before and after.
 */
export async function setMotivation(
  db: Db,
  actor: Actor,
  editionId: string,
  input: { prizeId: string; motivationNl: string; motivationEn: string },
): Promise<Outcome<{ changed: boolean }>> {
  return db.transaction().execute(async (trx): Promise<Outcome<{ changed: boolean }>> => {
    const before = await trx
      .selectFrom("prize")
      .select(["id", "motivation_nl", "motivation_en"])
      .where("id", "=", input.prizeId)
      .where("edition_id", "=", editionId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return refuse(404, "juryReport.errors.prizeNotFound");
    if (before.motivation_nl === input.motivationNl && before.motivation_en === input.motivationEn) return ok({ changed: false });
    const after = await trx
      .updateTable("prize")
      .set({ motivation_nl: input.motivationNl, motivation_en: input.motivationEn })
      .where("id", "=", input.prizeId)
      .returning(["id", "motivation_nl", "motivation_en"])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: "prize.motivation", entityType: "prize", entityId: input.prizeId, before, after });
    return ok({ changed: true });
  });
}
