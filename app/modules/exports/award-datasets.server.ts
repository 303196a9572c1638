import { createHmac } from "node:crypto";
import { sql } from "kysely";
import type pg from "pg";
import type { DbOrTrx } from "~/db.server";
import { translator, type Locale } from "~/i18n/i18n";
import { rankAggregate } from "~/modules/jury/aggregate";
import { aggregateRound, loadJuryRound } from "~/modules/jury/jury.server";
import { computeResults } from "~/modules/results/results.server";
import type { Snapshot } from "~/modules/results/snapshot";
import { loadVotingRound, rankedResults, roundCandidates, VOTE_KINDS } from "~/modules/voting/round.server";
import type { Cell } from "./cells";
import { exportFilename } from "./export.server";
import type { CsvSeparator, ExportColumn, ExportSpec } from "./writers.server";
import { copyBallotsCsv } from "./ballots-copy.server";
import { pick } from "~/lib/locale";

// The organizer exports of one award edition. Every query is scoped by the edition id; figures come
// from the same services the organizer pages use (tally, jury aggregation, computeResults), so an
// export always equals what the organizer sees. What nobody may see is never selected: no e-mail
// address, no voter identity (ballots carry a per-edition HMAC pseudonym), no data of a redacted
// nominee (declined consent or erased).

export const AWARD_DATASETS = ["nominaties", "kandidaten", "tellingen", "stemmen", "jurycijfers", "juryuitslag", "uitslag"] as const;
export type AwardDataset = (typeof AWARD_DATASETS)[number];

export type Row = Record<string, Cell>;
type Db = DbOrTrx;

/** Column keys per dataset, in file order; headers come from `exports.columns.<key>`. */
export const DATASET_COLUMNS = {
  nominaties: [
    "nomineeId",
    "nomineeName",
    "kind",
    "organisation",
    "category",
    "nomineeStatus",
    "consent",
    "nominationId",
    "nominationType",
    "nominator",
    "nominatorOrganisation",
    "motivation",
    "video",
    "createdAt",
    "references",
    "statements",
  ],
  kandidaten: ["candidateId", "candidate", "kind", "organisation", "category", "nominations", "consent", "consentAt"],
  tellingen: [
    "roundPosition",
    "round",
    "mode",
    "category",
    "place",
    "candidateId",
    "candidate",
    "votes",
    "points",
    "first",
    "tied",
    "ballots",
  ],
  stemmen: [
    "roundPosition",
    "round",
    "category",
    "voter",
    "version",
    "castAt",
    "changedAt",
    "rank",
    "candidateId",
    "candidate",
    "voided",
    "voidReason",
  ],
  jurycijfers: [
    "roundPosition",
    "round",
    "juror",
    "candidateId",
    "candidate",
    "criterion",
    "weight",
    "score",
    "conflict",
    "comment",
    "updatedAt",
  ],
  juryuitslag: [
    "roundPosition",
    "round",
    "category",
    "place",
    "candidateId",
    "candidate",
    "aggregate",
    "jurors",
    "min",
    "max",
    "stdev",
    "tooFew",
    "tied",
    "sheetsDone",
    "sheetsExpected",
  ],
  uitslag: [
    "prize",
    "prizeKind",
    "category",
    "place",
    "tied",
    "candidateId",
    "candidate",
    "organisation",
    "votes",
    "points",
    "first",
    "publicScore",
    "juryScore",
    "combined",
    "tieNote",
  ],
} as const satisfies Record<AwardDataset, readonly string[]>;

export type ColumnKey = (typeof DATASET_COLUMNS)[AwardDataset][number];

/** The translated columns of a dataset. */
export function datasetColumns(dataset: AwardDataset, locale: Locale): ExportColumn[] {
  const t = translator(locale);
  return DATASET_COLUMNS[dataset].map((key) => ({ key, header: t(`exports.columns.${key}`) }));
}

/** A nominee whose personal data may not appear: consent declined, or erased. */
const REDACTED = sql<boolean>`(n.redacted_at is not null or n.consent_status = 'declined')`;

async function categoriesOf(db: Db, editionId: string, locale: Locale) {
  const rows = await db
    .selectFrom("category")
    .select(["id", "slug", "name_nl", "name_en"])
    .where("edition_id", "=", editionId)
    .orderBy("position")
    .execute();
  return rows.map((c) => ({ id: c.id, slug: c.slug, name: pick(locale, c.name_nl, c.name_en) }));
}

async function roundsOf(db: Db, editionId: string, kinds: readonly string[]) {
  return db
    .selectFrom("round")
    .select(["position"])
    .where("edition_id", "=", editionId)
    .where("kind", "in", kinds as ("public_vote" | "live_vote" | "jury")[])
    .orderBy("position")
    .execute();
}

/** A nominee's kind, organisation and category as the exports show them (a redacted one's organisation stays empty). */
function nomineeCells(
  t: ReturnType<typeof translator>,
  locale: Locale,
  r: { kind: "person" | "organisation"; organisation: string; redacted: boolean; category_nl: string; category_en: string },
) {
  return {
    kind: t(`exports.values.kind.${r.kind}`),
    organisation: r.redacted ? "" : r.organisation,
    category: pick(locale, r.category_nl, r.category_en),
  };
}

// ── 1. Nominations ─────────────────────────────────────────────────────────────────────────────

/** One row per nomination; a redacted nominee's name, organisation and motivation stay empty. */
export async function* nominationRows(db: Db, editionId: string, locale: Locale = "nl"): AsyncGenerator<Row> {
  const t = translator(locale);
  const rows = db
    .selectFrom("nomination as m")
    .innerJoin("nominee as n", (j) => j.onRef("n.id", "=", "m.nominee_id").onRef("n.edition_id", "=", "m.edition_id"))
    .innerJoin("category as c", "c.id", "n.category_id")
    .leftJoin("app_user as u", "u.id", "m.nominator_id")
    .select([
      "n.id as nominee_id",
      "n.name",
      "n.kind",
      "n.organisation",
      "c.name_nl as category_nl",
      "c.name_en as category_en",
      "n.status",
      "n.consent_status",
      "n.redacted_at",
      REDACTED.as("redacted"),
      "m.id",
      "m.is_supporting",
      "u.name as nominator",
      "u.organisation as nominator_organisation",
      "m.motivation",
      "m.video_url",
      "m.created_at",
      sql<number>`(select count(*)::int from nomination_reference r where r.nomination_id = m.id)`.as("references"),
      sql<number>`(select count(*)::int from nomination_reference r where r.nomination_id = m.id and r.statement is not null)`.as(
        "statements",
      ),
    ])
    .where("m.edition_id", "=", editionId)
    .orderBy("c.position")
    .orderBy(sql`lauwer_fold(n.name)`)
    .orderBy("n.id")
    .orderBy("m.created_at")
    .orderBy("m.id")
    .stream(1000);
  for await (const r of rows) {
    yield {
      nomineeId: r.nominee_id,
      nomineeName: r.redacted ? "" : r.name,
      ...nomineeCells(t, locale, r),
      nomineeStatus: r.redacted_at ? t("exports.values.redacted") : t(`exports.values.status.${r.status}`),
      consent: t(`exports.values.consent.${r.consent_status}`),
      nominationId: r.id,
      nominationType: t(`exports.values.nominationType.${r.is_supporting ? "supporting" : "original"}`),
      nominator: r.nominator ?? "",
      nominatorOrganisation: r.nominator_organisation ?? "",
      motivation: r.redacted ? "" : r.motivation,
      video: r.redacted ? "" : (r.video_url ?? ""),
      createdAt: r.created_at,
      references: r.redacted ? 0 : r.references,
      statements: r.redacted ? 0 : r.statements,
    };
  }
}

// ── 2. Candidates ──────────────────────────────────────────────────────────────────────────────

/** One row per candidate (approved and consented), by category and name. */
export async function* candidateRows(db: Db, editionId: string, locale: Locale = "nl"): AsyncGenerator<Row> {
  const t = translator(locale);
  const rows = await db
    .selectFrom("nominee as n")
    .innerJoin("category as c", "c.id", "n.category_id")
    .select([
      "n.id",
      "n.name",
      "n.kind",
      "n.organisation",
      "c.name_nl as category_nl",
      "c.name_en as category_en",
      "n.consent_status",
      "n.consent_at",
      REDACTED.as("redacted"),
      sql<number>`(select count(*)::int from nomination m where m.nominee_id = n.id)`.as("nominations"),
    ])
    .where("n.edition_id", "=", editionId)
    .where("n.is_candidate", "=", true)
    .orderBy("c.position")
    .orderBy(sql`lauwer_fold(n.name)`)
    .orderBy("n.id")
    .execute();
  for (const r of rows) {
    yield {
      candidateId: r.id,
      candidate: r.redacted ? "" : r.name,
      ...nomineeCells(t, locale, r),
      nominations: r.nominations,
      consent: t(`exports.values.consent.${r.consent_status}`),
      consentAt: r.consent_at,
    };
  }
}

// ── 3. Tallies ─────────────────────────────────────────────────────────────────────────────────

/**
 * Per vote round × category × candidate, from rankedResults (the organizer page's own tally): votes,
 * and for ranked ballots points and first preferences; voided ballots are not counted.
 */
export async function* tallyRows(db: Db, editionId: string, locale: Locale = "nl"): AsyncGenerator<Row> {
  const t = translator(locale);
  const categories = await categoriesOf(db, editionId, locale);
  for (const { position } of await roundsOf(db, editionId, VOTE_KINDS)) {
    const round = await loadVotingRound(db, editionId, String(position));
    const ranked = round.ballot_mode === "ranked";
    for (const result of await rankedResults(db, round, categories)) {
      for (const row of result.rows) {
        yield {
          roundPosition: round.position,
          round: pick(locale, round.name_nl, round.name_en),
          mode: t(`exports.values.mode.${round.ballot_mode}`),
          category: result.name,
          place: row.place,
          candidateId: row.nomineeId,
          candidate: row.name,
          votes: row.votes,
          points: ranked ? row.points : null,
          first: ranked ? row.first : null,
          tied: row.tied,
          ballots: result.ballots,
        };
      }
    }
  }
}

// ── 4. Ballots (anonymised) ────────────────────────────────────────────────────────────────────

/** The pseudonymous voter id: HMAC-SHA256 of the voter id under the edition's secret, 16 hex digits. */
export function voterPseudonym(salt: string, voterId: string): string {
  return createHmac("sha256", salt).update(voterId).digest("hex").slice(0, 16);
}

export interface BallotRowsOptions {
  locale?: Locale;
  /** Rows fetched per cursor read (default 1000). */
  chunkSize?: number;
}

/**
 * One row per ballot choice of the edition, read with a database cursor so memory stays bounded
 * at any size (the rows are never collected). The voter appears only as a pseudonym; no user id,
 * e-mail, name, IP address or device is selected. Voided ballots are included and marked.
 * Usable with any Kysely<DB> (the export bench calls it with its own pool).
 */
export async function* ballotRows(db: Db, editionId: string, options: BallotRowsOptions = {}): AsyncGenerator<Row> {
  const locale = options.locale ?? "nl";
  const { export_salt: salt } = await db.selectFrom("edition").select("export_salt").where("id", "=", editionId).executeTakeFirstOrThrow();
  const rows = db
    .selectFrom("ballot_choice as ch")
    .innerJoin("ballot as b", (j) => j.onRef("b.id", "=", "ch.ballot_id").onRef("b.category_id", "=", "ch.category_id"))
    .innerJoin("round as r", (j) => j.onRef("r.id", "=", "b.round_id").onRef("r.edition_id", "=", "b.edition_id"))
    .innerJoin("category as c", "c.id", "b.category_id")
    .innerJoin("nominee as n", "n.id", "ch.nominee_id")
    .select([
      "r.position as round_position",
      locale === "en" ? sql<string>`coalesce(nullif(r.name_en, ''), r.name_nl)`.as("round_name") : "r.name_nl as round_name",
      locale === "en" ? sql<string>`coalesce(nullif(c.name_en, ''), c.name_nl)`.as("category_name") : "c.name_nl as category_name",
      "b.id as ballot_id",
      "b.voter_id",
      "b.version",
      "b.cast_at",
      "b.updated_at",
      "ch.rank",
      "ch.nominee_id",
      sql<string>`case when ${REDACTED} then '' else n.name end`.as("nominee_name"),
      "b.voided_at",
      "b.void_reason",
    ])
    .where("b.edition_id", "=", editionId)
    .orderBy("r.position")
    .orderBy("c.position")
    .orderBy("b.cast_at")
    .orderBy("b.id")
    .orderBy("ch.rank")
    .stream(options.chunkSize ?? 1000);
  // The choices of one ballot come together: its pseudonym is computed once.
  let lastBallot = "";
  let pseudonym = "";
  for await (const r of rows) {
    if (r.ballot_id !== lastBallot) {
      lastBallot = r.ballot_id;
      pseudonym = r.voter_id ? voterPseudonym(salt, r.voter_id) : "";
    }
    yield {
      roundPosition: r.round_position,
      round: r.round_name,
      category: r.category_name,
      voter: pseudonym,
      version: r.version,
      castAt: r.cast_at,
      changedAt: r.updated_at,
      rank: r.rank,
      candidateId: r.nominee_id,
      candidate: r.nominee_name,
      voided: r.voided_at !== null,
      voidReason: r.void_reason ?? "",
    };
  }
}

// ── 5. Jury scores ─────────────────────────────────────────────────────────────────────────────

/** What every jury-score row starts with: the round, the juror and the candidate (scores and conflicts join the same way). */
const JURY_COLUMNS = [
  "r.position",
  "r.name_nl as round_nl",
  "r.name_en as round_en",
  "u.name as juror",
  "n.id as nominee_id",
  sql<string>`case when ${REDACTED} then '' else n.name end`.as("nominee_name"),
] as const;
/**
 * By round, juror and candidate (names folded, seats breaking ties: a juror whose account was deleted
 * has no name, and their seat is what tells two of them apart).
 */
const juryOrder = (seat: "s.juror_id" | "j.juror_id") => sql`r.position, lauwer_fold(u.name), ${sql.ref(seat)}, lauwer_fold(n.name), n.id`;

function juryRow(
  locale: Locale,
  r: { position: number; round_nl: string; round_en: string; juror: string | null; nominee_id: string; nominee_name: string },
) {
  return {
    roundPosition: r.position,
    round: pick(locale, r.round_nl, r.round_en),
    // Their scores and conflicts stay (ADR 0026); the person does not.
    juror: r.juror ?? translator(locale)("departed.juror"),
    candidateId: r.nominee_id,
    candidate: r.nominee_name,
  };
}

/** Per jury round × juror × candidate × criterion, then a row per declared conflict (no score). */
export async function* juryScoreRows(db: Db, editionId: string, locale: Locale = "nl"): AsyncGenerator<Row> {
  const scores = db
    .selectFrom("jury_score as s")
    .innerJoin("round as r", "r.id", "s.round_id")
    .leftJoin("app_user as u", "u.id", "s.juror_id")
    .innerJoin("nominee as n", "n.id", "s.nominee_id")
    .innerJoin("criterion as k", "k.id", "s.criterion_id")
    .select([...JURY_COLUMNS, "k.name_nl as criterion_nl", "k.name_en as criterion_en", "k.weight", "s.score", "s.comment", "s.updated_at"])
    .where("r.edition_id", "=", editionId)
    .where("n.edition_id", "=", editionId)
    .orderBy(juryOrder("s.juror_id"))
    .orderBy("k.position")
    .stream(1000);
  for await (const r of scores) {
    yield {
      ...juryRow(locale, r),
      criterion: pick(locale, r.criterion_nl, r.criterion_en),
      weight: Number(r.weight),
      score: r.score,
      conflict: false,
      comment: r.comment,
      updatedAt: r.updated_at,
    };
  }
  const conflicts = await db
    .selectFrom("jury_conflict as j")
    .innerJoin("round as r", "r.id", "j.round_id")
    .leftJoin("app_user as u", "u.id", "j.juror_id")
    .innerJoin("nominee as n", "n.id", "j.nominee_id")
    .select([...JURY_COLUMNS, "j.reason", "j.created_at"])
    .where("r.edition_id", "=", editionId)
    .where("n.edition_id", "=", editionId)
    .orderBy(juryOrder("j.juror_id"))
    .execute();
  for (const r of conflicts) {
    yield { ...juryRow(locale, r), criterion: null, weight: null, score: null, conflict: true, comment: r.reason, updatedAt: r.created_at };
  }
}

// ── 6. Jury results ────────────────────────────────────────────────────────────────────────────

/**
 * Per jury round × category × candidate, computed as the organizer's jury dashboard does (aggregate
 * over the round's candidates with the round's method, normalisation and minimum), then placed
 * within each category.
 */
export async function* juryResultRows(db: Db, editionId: string, locale: Locale = "nl"): AsyncGenerator<Row> {
  const categories = await categoriesOf(db, editionId, locale);
  for (const { position } of await roundsOf(db, editionId, ["jury"])) {
    const round = await loadJuryRound(db, editionId, String(position));
    const { progress, candidates, rows } = await aggregateRound(db, round);
    const byId = new Map(candidates.map((c) => [c.id, c]));
    for (const category of categories) {
      const inCategory = rows.filter((r) => byId.get(r.nomineeId)?.category_id === category.id);
      for (const r of rankAggregate(inCategory)) {
        const sheets = progress.perCandidate.get(r.nomineeId);
        yield {
          roundPosition: round.position,
          round: pick(locale, round.name_nl, round.name_en),
          category: category.name,
          place: r.place,
          candidateId: r.nomineeId,
          candidate: byId.get(r.nomineeId)?.name ?? "",
          aggregate: r.score,
          jurors: r.jurors,
          min: r.min,
          max: r.max,
          stdev: r.stdev,
          tooFew: r.tooFewScores,
          tied: r.tied,
          sheetsDone: sheets?.done ?? 0,
          sheetsExpected: sheets?.expected ?? 0,
        };
      }
    }
  }
}

// ── 7. Results and prizes ──────────────────────────────────────────────────────────────────────

/** Every prize's ranking from computeResults (what publishing would freeze now), flattened. */
export async function* resultRows(db: Db, editionId: string, locale: Locale = "nl"): AsyncGenerator<Row> {
  const t = translator(locale);
  const results = (await computeResults(db, editionId)) as unknown as Snapshot;
  const categoryName = new Map(results.categories.map((c) => [c.slug, pick(locale, c.nl, c.en)]));
  for (const prize of results.prizes) {
    for (const ranking of prize.rankings) {
      for (const e of ranking.ranking as Array<Snapshot["prizes"][number]["rankings"][number]["ranking"][number] & { first?: number }>) {
        yield {
          prize: pick(locale, prize.name.nl, prize.name.en),
          prizeKind: t(`exports.values.prizeKind.${prize.kind}`),
          category:
            ranking.category === null ? t("exports.values.allCategories") : (categoryName.get(ranking.category) ?? ranking.category),
          place: e.place,
          tied: e.tied,
          candidateId: e.nominee,
          candidate: e.name,
          organisation: e.organisation,
          votes: e.votes ?? null,
          points: prize.rules.public?.ballot === "ranked" ? (e.points ?? null) : null,
          first: e.first ?? null,
          publicScore: e.public ?? null,
          juryScore: e.jury ?? null,
          combined: e.combined ?? null,
          tieNote: e.tieBrokenBy ? t(`exports.values.tieBrokenBy.${e.tieBrokenBy}`) : "",
        };
      }
    }
  }
}

// ── Specs and counts ───────────────────────────────────────────────────────────────────────────

const ROWS: Record<AwardDataset, (db: Db, editionId: string, locale: Locale) => AsyncGenerator<Row>> = {
  nominaties: nominationRows,
  kandidaten: candidateRows,
  tellingen: tallyRows,
  stemmen: (db, editionId, locale) => ballotRows(db, editionId, { locale }),
  jurycijfers: juryScoreRows,
  juryuitslag: juryResultRows,
  uitslag: resultRows,
};

export interface ExportEdition {
  id: string;
  awardSlug: string;
  year: number;
}

/**
 * The streamed export of one dataset of an edition, headers in the reader's language. Given the pg
 * pool, the ballots' CSV is written by PostgreSQL's COPY (the same bytes as from `rows`, a few times
 * faster; ballots-copy.server.ts).
 */
export function awardExportSpec(
  db: Db,
  edition: ExportEdition,
  dataset: AwardDataset,
  locale: Locale,
  options: { pool?: pg.Pool } = {},
): ExportSpec {
  const t = translator(locale);
  const { pool } = options;
  return {
    filename: exportFilename(dataset, edition.awardSlug, edition.year),
    sheet: t(`exports.datasets.${dataset}.name`).slice(0, 31),
    columns: datasetColumns(dataset, locale),
    rows: ROWS[dataset](db, edition.id, locale),
    ...(dataset === "stemmen" && pool
      ? { csvRecords: (separator: CsvSeparator, out: NodeJS.WritableStream) => copyBallotsCsv(pool, edition.id, locale, separator, out) }
      : {}),
  };
}

/**
 * The number of rows each export has now, for the export page. Counted from the same rows the
 * exports read (candidates per round from roundCandidates, prizes from computeResults).
 */
export async function awardDatasetCounts(db: Db, editionId: string): Promise<Record<AwardDataset, number>> {
  const count = (n: { n: number } | undefined) => n?.n ?? 0;
  const [nominations, candidates, ballots, juryScores] = await Promise.all([
    db
      .selectFrom("nomination")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("edition_id", "=", editionId)
      .executeTakeFirst(),
    db
      .selectFrom("nominee")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("edition_id", "=", editionId)
      .where("is_candidate", "=", true)
      .executeTakeFirst(),
    db
      .selectFrom("ballot_choice as ch")
      .innerJoin("ballot as b", (j) => j.onRef("b.id", "=", "ch.ballot_id").onRef("b.category_id", "=", "ch.category_id"))
      .select(sql<number>`count(*)::int`.as("n"))
      .where("b.edition_id", "=", editionId)
      .executeTakeFirst(),
    // The jury-score export has a row per score and one per declared conflict.
    db
      .selectFrom(
        db
          .selectFrom("jury_score")
          .select(["round_id", "nominee_id"])
          .unionAll(db.selectFrom("jury_conflict").select(["round_id", "nominee_id"]))
          .as("x"),
      )
      .innerJoin("round as r", "r.id", "x.round_id")
      .innerJoin("nominee as n", "n.id", "x.nominee_id")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("r.edition_id", "=", editionId)
      .where("n.edition_id", "=", editionId)
      .executeTakeFirst(),
  ]);
  const categoryIds = new Set(
    (await db.selectFrom("category").select("id").where("edition_id", "=", editionId).execute()).map((c) => c.id),
  );
  const perRound = async (kinds: readonly string[]) => {
    let n = 0;
    for (const { position } of await roundsOf(db, editionId, kinds)) {
      const round = kinds.includes("jury")
        ? await loadJuryRound(db, editionId, String(position))
        : await loadVotingRound(db, editionId, String(position));
      n += (await roundCandidates(db, round)).filter((c) => categoryIds.has(c.category_id)).length;
    }
    return n;
  };
  const results = (await computeResults(db, editionId)) as unknown as Snapshot;
  return {
    nominaties: count(nominations),
    kandidaten: count(candidates),
    tellingen: await perRound(VOTE_KINDS),
    stemmen: count(ballots),
    jurycijfers: count(juryScores),
    juryuitslag: await perRound(["jury"]),
    uitslag: results.prizes.reduce((sum, p) => sum + p.rankings.reduce((s, r) => s + r.ranking.length, 0), 0),
  };
}
