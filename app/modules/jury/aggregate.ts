// Pure jury-round aggregation, shared by server and browser: turning jurors' criterion scores into one
// score per candidate, with spread, and ranking the result. No I/O here, so unit tests cover every edge.
//
// Determinism: the output depends only on the *set* of scores, never on the order they were entered.
// Sheets are grouped by juror and candidate, criteria are read in the order given, and every sum is
// taken over numerically sorted values, so floating point rounding is the same for any input order.
// Reported numbers are rounded to 4 decimals (half away from zero), which keeps results, ties and
// rankings stable across platforms and hides floating point noise such as 49.99999999999999.

/** A scoring criterion: weight > 0 (weights need not sum to 1) and a score scale min..max with max > min. */
export interface Criterion {
  id: string;
  weight: number;
  min: number;
  max: number;
}

/** One juror's score for one candidate on one criterion. */
export interface Score {
  jurorId: string;
  nomineeId: string;
  criterionId: string;
  score: number;
}

export interface AggregateOptions {
  /** How the per-juror scores of a candidate are combined. */
  method: "mean" | "median";
  /** Per-juror z-score normalisation, reported as 50 + 10·z (see NORMALIZED_CENTER). */
  normalize: boolean;
  /** Fewer complete sheets than this sets `tooFewScores`. */
  minScores: number;
}

/** One juror's value for a candidate: the weighted score (0–100) or, when normalising, 50 + 10·z. */
export interface JurorValue {
  jurorId: string;
  score: number;
}

export interface AggregateRow {
  nomineeId: string;
  /** Mean or median of `perJuror`; null when no juror completed a sheet. */
  score: number | null;
  /** Number of complete sheets (jurors who scored every criterion). */
  jurors: number;
  min: number | null;
  max: number | null;
  /** Population standard deviation of `perJuror`: the spread organisers see. */
  stdev: number | null;
  tooFewScores: boolean;
  /** The values the aggregate is computed from, ordered by jurorId. */
  perJuror: JurorValue[];
}

export type RankedAggregateRow = AggregateRow & {
  /** Competition ranking (1, 2, 2, 4); null for candidates without a score. */
  place: number | null;
  /** Another candidate has exactly the same (rounded) score. */
  tied: boolean;
};

/**
 * Normalised values are reported as T-scores, NORMALIZED_CENTER + NORMALIZED_SPREAD · z: a juror's
 * average candidate gets 50 and one standard deviation is 10 points. The scale is open-ended (a juror
 * with n candidates has |z| ≤ √(n − 1)), but in practice values stay between about 20 and 80.
 */
export const NORMALIZED_CENTER = 50;
export const NORMALIZED_SPREAD = 10;

/** Reported numbers are rounded to this many decimals. */
export const REPORTED_DECIMALS = 4;

/**
 * A juror whose weighted scores differ by less than this (on the 0–100 scale) gave everyone the same
 * score: their z-scores are all 0. Guards against dividing by a standard deviation that is only
 * floating point noise.
 */
const SD_EPSILON = 1e-9;

/**
 * The weighted mean of one juror's scores for one candidate on a 0–100 scale: each score is first
 * rescaled to 0..1 by its criterion's scale, (s − min) / (max − min), then weighted (divided by the
 * sum of the weights). Null unless the sheet is complete: every criterion scored once, within its
 * scale. Scores for unknown criteria are ignored; two different scores for the same criterion make the
 * sheet ambiguous, so it does not count. Rounded to 4 decimals.
 *
 * Throws a RangeError for invalid criteria or when the scores belong to more than one juror or candidate.
 */
export function jurorWeightedScore(criteria: readonly Criterion[], scores: readonly Score[]): number | null {
  assertValidCriteria(criteria);
  assertSingleSheet(scores);
  const value = weightedScore(criteria, scores);
  return value === null ? null : round(value);
}

/**
 * One row per entry of `nomineeIds`, in that order. Per candidate, each juror's complete sheet gives a
 * weighted score (see jurorWeightedScore); these are combined by mean or median, with min, max and
 * population standard deviation. Scores for candidates not in `nomineeIds` are ignored, including for
 * normalisation, which works per juror over the listed candidates that juror completed:
 * z = (x − mean) / sd, reported as 50 + 10·z, and z = 0 when the juror's sd is 0.
 *
 * Throws a RangeError for invalid criteria.
 */
export function aggregate(
  criteria: readonly Criterion[],
  scores: readonly Score[],
  nomineeIds: readonly string[],
  options: AggregateOptions,
): AggregateRow[] {
  assertValidCriteria(criteria);
  const sheets = completeSheets(criteria, scores, new Set(nomineeIds));
  const values = options.normalize ? normalizeSheets(sheets) : sheets;
  return nomineeIds.map((nomineeId) => summarize(nomineeId, values.get(nomineeId), options));
}

/**
 * Orders rows by score, highest first, with competition ranking (1, 2, 2, 4) and a tied flag. Equal
 * scores are ordered by nomineeId; rows without a score come last with place null. The result depends
 * only on the rows, not on their order.
 */
export function rankAggregate(rows: readonly AggregateRow[]): RankedAggregateRow[] {
  const sorted = [...rows].sort(compareRows);
  const countByScore = new Map<number, number>();
  for (const row of sorted) if (row.score !== null) countByScore.set(row.score, (countByScore.get(row.score) ?? 0) + 1);
  let place = 0;
  return sorted.map((row, i) => {
    if (row.score === null) return { ...row, place: null, tied: false };
    if (i === 0 || sorted[i - 1]!.score !== row.score) place = i + 1;
    return { ...row, place, tied: (countByScore.get(row.score) ?? 0) > 1 };
  });
}

/** Per candidate, per juror: the juror's weighted score, for complete sheets only. */
type SheetValues = Map<string, Map<string, number>>;

/** Throws unless every criterion has a unique id, a finite positive weight and a finite scale with max > min. */
function assertValidCriteria(criteria: readonly Criterion[]): void {
  const ids = new Set<string>();
  let totalWeight = 0;
  for (const c of criteria) {
    if (ids.has(c.id)) throw new RangeError(`Duplicate criterion "${c.id}"`);
    ids.add(c.id);
    if (!(Number.isFinite(c.weight) && c.weight > 0)) throw new RangeError(`Criterion "${c.id}" needs a positive weight`);
    if (!(Number.isFinite(c.max - c.min) && c.max > c.min)) throw new RangeError(`Criterion "${c.id}" needs a finite scale with max > min`);
    totalWeight += c.weight;
  }
  if (!Number.isFinite(totalWeight)) throw new RangeError("The criteria weights are too large");
}

/** Throws when the scores belong to more than one juror or candidate. */
function assertSingleSheet(scores: readonly Score[]): void {
  const first = scores[0];
  if (first && scores.some((s) => s.jurorId !== first.jurorId || s.nomineeId !== first.nomineeId)) {
    throw new RangeError("jurorWeightedScore takes the scores of one juror for one candidate");
  }
}

/** jurorWeightedScore without validation or rounding; criteria must be valid. */
function weightedScore(criteria: readonly Criterion[], scores: readonly Score[]): number | null {
  if (criteria.length === 0) return null;
  const known = new Set(criteria.map((c) => c.id));
  const byCriterion = new Map<string, number>();
  for (const s of scores) {
    if (!known.has(s.criterionId)) continue;
    const previous = byCriterion.get(s.criterionId);
    if (previous !== undefined && previous !== s.score) return null;
    byCriterion.set(s.criterionId, s.score);
  }
  let weighted = 0;
  let totalWeight = 0;
  for (const c of criteria) {
    const s = byCriterion.get(c.id);
    if (s === undefined || !(s >= c.min && s <= c.max)) return null;
    weighted += c.weight * ((s - c.min) / (c.max - c.min));
    totalWeight += c.weight;
  }
  return 100 * (weighted / totalWeight);
}

/** Groups scores into sheets (candidate → juror → scores), keeping only the listed candidates. */
function groupSheets(scores: readonly Score[], nominees: ReadonlySet<string>): Map<string, Map<string, Score[]>> {
  const sheets = new Map<string, Map<string, Score[]>>();
  for (const s of scores) {
    if (!nominees.has(s.nomineeId)) continue;
    let byJuror = sheets.get(s.nomineeId);
    if (!byJuror) sheets.set(s.nomineeId, (byJuror = new Map()));
    const sheet = byJuror.get(s.jurorId);
    if (sheet) sheet.push(s);
    else byJuror.set(s.jurorId, [s]);
  }
  return sheets;
}

/** The weighted score of every complete sheet; incomplete or ambiguous sheets are left out. */
function completeSheets(criteria: readonly Criterion[], scores: readonly Score[], nominees: ReadonlySet<string>): SheetValues {
  const result: SheetValues = new Map();
  for (const [nomineeId, byJuror] of groupSheets(scores, nominees)) {
    const values = new Map<string, number>();
    for (const [jurorId, sheet] of byJuror) {
      const value = weightedScore(criteria, sheet);
      if (value !== null) values.set(jurorId, value);
    }
    result.set(nomineeId, values);
  }
  return result;
}

/**
 * Replaces each juror's weighted scores by T-scores over the candidates that juror completed:
 * 50 + 10 · (x − mean) / sd, or 50 for everyone when the juror's sd is (practically) 0.
 */
function normalizeSheets(sheets: SheetValues): SheetValues {
  const byJuror = new Map<string, number[]>();
  for (const values of sheets.values()) {
    for (const [jurorId, value] of values) {
      const list = byJuror.get(jurorId);
      if (list) list.push(value);
      else byJuror.set(jurorId, [value]);
    }
  }
  const stats = new Map([...byJuror].map(([jurorId, values]) => [jurorId, { mean: mean(values), sd: populationSd(values) }]));
  const result: SheetValues = new Map();
  for (const [nomineeId, values] of sheets) {
    const normalized = new Map<string, number>();
    for (const [jurorId, value] of values) {
      const { mean: m, sd } = stats.get(jurorId)!;
      const z = sd < SD_EPSILON ? 0 : (value - m) / sd;
      normalized.set(jurorId, NORMALIZED_CENTER + NORMALIZED_SPREAD * z);
    }
    result.set(nomineeId, normalized);
  }
  return result;
}

/** The reported row of one candidate from its per-juror values (unrounded). */
function summarize(nomineeId: string, values: ReadonlyMap<string, number> | undefined, options: AggregateOptions): AggregateRow {
  const entries = [...(values ?? [])].sort(([a], [b]) => compareIds(a, b));
  const list = entries.map(([, value]) => value);
  const jurors = list.length;
  const base = { nomineeId, jurors, tooFewScores: jurors < options.minScores };
  if (jurors === 0) return { ...base, score: null, min: null, max: null, stdev: null, perJuror: [] };
  return {
    ...base,
    score: round(options.method === "median" ? median(list) : mean(list)),
    min: round(Math.min(...list)),
    max: round(Math.max(...list)),
    stdev: round(populationSd(list)),
    perJuror: entries.map(([jurorId, value]) => ({ jurorId, score: round(value) })),
  };
}

/** A sorted copy, so sums do not depend on input order. */
function ascending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Arithmetic mean of a non-empty list, summed in ascending order. */
function mean(values: readonly number[]): number {
  return ascending(values).reduce((sum, v) => sum + v, 0) / values.length;
}

/** Median of a non-empty list; for an even count the mean of the two middle values. */
function median(values: readonly number[]): number {
  const sorted = ascending(values);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Population standard deviation (divide by n) of a non-empty list. */
function populationSd(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
}

/** Rounds to REPORTED_DECIMALS, half away from zero, never returning −0. */
function round(value: number): number {
  const factor = 10 ** REPORTED_DECIMALS;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
}

/** Plain code-unit comparison: the same on every platform and locale, unlike localeCompare. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Score descending, rows without a score last, then nomineeId. */
function compareRows(a: AggregateRow, b: AggregateRow): number {
  if (a.score !== b.score) {
    if (a.score === null) return 1;
    if (b.score === null) return -1;
    return b.score - a.score;
  }
  return compareIds(a.nomineeId, b.nomineeId);
}
