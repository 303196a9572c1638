import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregate,
  jurorWeightedScore,
  rankAggregate,
  type AggregateOptions,
  type AggregateRow,
  type Criterion,
  type Score,
} from "~/modules/jury/aggregate";

// Two criteria on different scales: impact 1–10 counts double, originality 0–5 counts once.
// Weighted score = 100 · (2·(impact − 1)/9 + 1·originality/5) / 3.
const WEIGHTED: Criterion[] = [
  { id: "impact", weight: 2, min: 1, max: 10 },
  { id: "originality", weight: 1, min: 0, max: 5 },
];

// One criterion on 0–10, so a score s is simply 10·s on the 0–100 scale.
const SINGLE: Criterion[] = [{ id: "overall", weight: 1, min: 0, max: 10 }];

const MEAN: AggregateOptions = { method: "mean", normalize: false, minScores: 1 };
const MEDIAN: AggregateOptions = { method: "median", normalize: false, minScores: 1 };
const NORMALIZED: AggregateOptions = { method: "mean", normalize: true, minScores: 1 };

/** The scores of one juror for one candidate, one per criterion id. */
function sheet(jurorId: string, nomineeId: string, byCriterion: Record<string, number>): Score[] {
  return Object.entries(byCriterion).map(([criterionId, score]) => ({ jurorId, nomineeId, criterionId, score }));
}

/** Single-criterion scores: juror → nominee → score. */
function overall(table: Record<string, Record<string, number>>): Score[] {
  return Object.entries(table).flatMap(([jurorId, row]) =>
    Object.entries(row).flatMap(([nomineeId, s]) => sheet(jurorId, nomineeId, { overall: s })),
  );
}

describe("jurorWeightedScore", () => {
  it("rescales each criterion to its scale and weights it", () => {
    // impact 7 → 6/9 = 0.6667; originality 4 → 4/5 = 0.8; (2·0.6667 + 0.8) / 3 = 0.71111 → 71.1111
    expect(jurorWeightedScore(WEIGHTED, sheet("j1", "n1", { impact: 7, originality: 4 }))).toBe(71.1111);
    // impact 10 → 1, originality 0 → 0: (2·1 + 0) / 3 = 0.66667 → 66.6667
    expect(jurorWeightedScore(WEIGHTED, sheet("j1", "n1", { impact: 10, originality: 0 }))).toBe(66.6667);
    // impact 1 → 0, originality 5 → 1: (0 + 1) / 3 → 33.3333
    expect(jurorWeightedScore(WEIGHTED, sheet("j1", "n1", { impact: 1, originality: 5 }))).toBe(33.3333);
    // the middle of both scales: 5.5 → 0.5, 2.5 → 0.5 → 50
    expect(jurorWeightedScore(WEIGHTED, sheet("j1", "n1", { impact: 5.5, originality: 2.5 }))).toBe(50);
    // bottom and top of both scales
    expect(jurorWeightedScore(WEIGHTED, sheet("j1", "n1", { impact: 1, originality: 0 }))).toBe(0);
    expect(jurorWeightedScore(WEIGHTED, sheet("j1", "n1", { impact: 10, originality: 5 }))).toBe(100);
  });

  it("divides by the sum of the weights, so only their ratio matters", () => {
    // weights 0.5 and 0.25 are the same 2:1 ratio: (0.5·0.6667 + 0.25·0.8) / 0.75 = 0.71111
    const scaled = WEIGHTED.map((c) => ({ ...c, weight: c.weight / 4 }));
    expect(jurorWeightedScore(scaled, sheet("j1", "n1", { impact: 7, originality: 4 }))).toBe(71.1111);
  });

  it("is null for an incomplete sheet", () => {
    expect(jurorWeightedScore(WEIGHTED, sheet("j1", "n1", { impact: 7 }))).toBeNull();
    expect(jurorWeightedScore(WEIGHTED, [])).toBeNull();
    expect(jurorWeightedScore([], sheet("j1", "n1", { impact: 7 }))).toBeNull();
  });

  it("is null for a score outside its scale or not a number, and for conflicting duplicates", () => {
    expect(jurorWeightedScore(WEIGHTED, sheet("j1", "n1", { impact: 0, originality: 4 }))).toBeNull();
    expect(jurorWeightedScore(WEIGHTED, sheet("j1", "n1", { impact: 7, originality: 6 }))).toBeNull();
    expect(jurorWeightedScore(WEIGHTED, sheet("j1", "n1", { impact: Number.NaN, originality: 4 }))).toBeNull();
    const twice = [...sheet("j1", "n1", { impact: 7, originality: 4 }), ...sheet("j1", "n1", { impact: 8 })];
    expect(jurorWeightedScore(WEIGHTED, twice)).toBeNull();
  });

  it("accepts an identical duplicate and ignores scores for unknown criteria", () => {
    const scores = [...sheet("j1", "n1", { impact: 7, originality: 4 }), ...sheet("j1", "n1", { impact: 7, removed: 99 })];
    expect(jurorWeightedScore(WEIGHTED, scores)).toBe(71.1111);
  });

  it("rejects invalid criteria and scores of more than one sheet", () => {
    expect(() => jurorWeightedScore([{ id: "a", weight: 0, min: 0, max: 5 }], [])).toThrow(RangeError);
    expect(() => jurorWeightedScore([{ id: "a", weight: 1, min: 5, max: 5 }], [])).toThrow(RangeError);
    expect(() => jurorWeightedScore([{ id: "a", weight: Infinity, min: 0, max: 5 }], [])).toThrow(RangeError);
    expect(() => jurorWeightedScore([...SINGLE, ...SINGLE], [])).toThrow(RangeError);
    expect(() => jurorWeightedScore(SINGLE, [...sheet("j1", "n1", { overall: 5 }), ...sheet("j2", "n1", { overall: 5 })])).toThrow(
      RangeError,
    );
    expect(() => jurorWeightedScore(SINGLE, [...sheet("j1", "n1", { overall: 5 }), ...sheet("j1", "n2", { overall: 5 })])).toThrow(
      RangeError,
    );
  });
});

describe("aggregate", () => {
  it("combines weighted sheets across jurors", () => {
    // j1: 71.1111 (see above), j2: 66.6667 → mean (71.1111 + 66.6667) / 2 = 68.8889; stdev |71.1111 − 66.6667| / 2 = 2.2222
    const scores = [...sheet("j1", "n1", { impact: 7, originality: 4 }), ...sheet("j2", "n1", { impact: 10, originality: 0 })];
    expect(aggregate(WEIGHTED, scores, ["n1"], MEAN)).toEqual([
      {
        nomineeId: "n1",
        score: 68.8889,
        jurors: 2,
        min: 66.6667,
        max: 71.1111,
        stdev: 2.2222,
        tooFewScores: false,
        perJuror: [
          { jurorId: "j1", score: 71.1111 },
          { jurorId: "j2", score: 66.6667 },
        ],
      },
    ]);
  });

  it("mean and median with an odd number of jurors", () => {
    // 2, 9, 4 → 20, 90, 40. Mean 150 / 3 = 50; median 40.
    // Population stdev: deviations −30, 40, −10 → (900 + 1600 + 100) / 3 = 866.67 → √ = 29.4392
    const scores = overall({ j1: { n1: 2 }, j2: { n1: 9 }, j3: { n1: 4 } });
    expect(aggregate(SINGLE, scores, ["n1"], MEAN)[0]).toMatchObject({ score: 50, jurors: 3, min: 20, max: 90, stdev: 29.4392 });
    expect(aggregate(SINGLE, scores, ["n1"], MEDIAN)[0]).toMatchObject({ score: 40, jurors: 3, min: 20, max: 90, stdev: 29.4392 });
  });

  it("mean and median with an even number of jurors: the median averages the two middle values", () => {
    // 2, 9, 4, 6 → 20, 90, 40, 60. Mean 210 / 4 = 52.5; median (40 + 60) / 2 = 50.
    // Population stdev: deviations −32.5, 37.5, −12.5, 7.5 → (1056.25 + 1406.25 + 156.25 + 56.25) / 4 = 668.75 → √ = 25.8602
    const scores = overall({ j1: { n1: 2 }, j2: { n1: 9 }, j3: { n1: 4 }, j4: { n1: 6 } });
    expect(aggregate(SINGLE, scores, ["n1"], MEAN)[0]).toMatchObject({ score: 52.5, jurors: 4, stdev: 25.8602 });
    expect(aggregate(SINGLE, scores, ["n1"], MEDIAN)[0]).toMatchObject({ score: 50, jurors: 4, stdev: 25.8602 });
  });

  it("one juror only: score, min and max equal that juror's score, spread 0", () => {
    // 7 → 70
    const scores = overall({ j1: { n1: 7 } });
    for (const options of [MEAN, MEDIAN]) {
      expect(aggregate(SINGLE, scores, ["n1"], { ...options, minScores: 5 })).toEqual([
        { nomineeId: "n1", score: 70, jurors: 1, min: 70, max: 70, stdev: 0, tooFewScores: true, perJuror: [{ jurorId: "j1", score: 70 }] },
      ]);
    }
  });

  it("ignores incomplete sheets", () => {
    // j1 complete: 71.1111; j2 scored only impact, j3 only originality: not counted.
    const scores = [
      ...sheet("j1", "n1", { impact: 7, originality: 4 }),
      ...sheet("j2", "n1", { impact: 1 }),
      ...sheet("j3", "n1", { originality: 0 }),
    ];
    expect(aggregate(WEIGHTED, scores, ["n1"], MEAN)[0]).toMatchObject({
      score: 71.1111,
      jurors: 1,
      perJuror: [{ jurorId: "j1", score: 71.1111 }],
    });
  });

  it("reports candidates without scores, in the order of nomineeIds, and ignores unlisted candidates", () => {
    // n2 has no scores at all; n9 is not listed; j2 was recused for n1 (no scores).
    const scores = overall({ j1: { n1: 8, n3: 5, n9: 10 }, j2: { n3: 3 } });
    const rows = aggregate(SINGLE, scores, ["n3", "n2", "n1"], { ...MEAN, minScores: 2 });
    expect(rows.map((r) => r.nomineeId)).toEqual(["n3", "n2", "n1"]);
    // n3: (50 + 30) / 2 = 40
    expect(rows[0]).toMatchObject({ score: 40, jurors: 2, tooFewScores: false });
    expect(rows[1]).toEqual({
      nomineeId: "n2",
      score: null,
      jurors: 0,
      min: null,
      max: null,
      stdev: null,
      tooFewScores: true,
      perJuror: [],
    });
    expect(rows[2]).toMatchObject({ score: 80, jurors: 1, tooFewScores: true });
  });

  it("flags too few scores below minScores only", () => {
    // 3 complete sheets for n1
    const scores = overall({ j1: { n1: 5 }, j2: { n1: 6 }, j3: { n1: 7 } });
    expect(aggregate(SINGLE, scores, ["n1"], { ...MEAN, minScores: 3 })[0]!.tooFewScores).toBe(false);
    expect(aggregate(SINGLE, scores, ["n1"], { ...MEAN, minScores: 4 })[0]!.tooFewScores).toBe(true);
    expect(aggregate(SINGLE, [], ["n1"], { ...MEAN, minScores: 0 })[0]!.tooFewScores).toBe(false);
  });

  it("normalise: all-equal scores give z = 0 (50) without dividing by zero", () => {
    // Every juror gives 5 to every candidate: sd 0 per juror → z 0 → 50 + 10·0 = 50.
    const scores = overall({ j1: { n1: 5, n2: 5 }, j2: { n1: 5, n2: 5 }, j3: { n1: 5, n2: 5 } });
    for (const method of ["mean", "median"] as const) {
      const rows = aggregate(SINGLE, scores, ["n1", "n2"], { ...NORMALIZED, method });
      for (const row of rows) {
        expect(row).toMatchObject({ score: 50, min: 50, max: 50, stdev: 0, jurors: 3 });
        expect(row.perJuror.every((p) => p.score === 50)).toBe(true);
      }
    }
  });

  it("normalise: a juror who scored a single candidate gets z = 0", () => {
    // j1 scored only n1: sd over one value is 0 → 50. j2 scored 2 and 8 → 20, 80: mean 50, sd 30, z = ∓1 → 40, 60.
    const scores = overall({ j1: { n1: 9 }, j2: { n1: 2, n2: 8 } });
    const [n1, n2] = aggregate(SINGLE, scores, ["n1", "n2"], NORMALIZED);
    expect(n1!.perJuror).toEqual([
      { jurorId: "j1", score: 50 },
      { jurorId: "j2", score: 40 },
    ]);
    expect(n1!.score).toBe(45);
    expect(n2!.score).toBe(60);
  });

  it("normalise: equal scores that differ only by floating point noise count as equal", () => {
    // Weights 0.1, 0.2, 0.3 on 0–10. n1: (0, 1, 2) → (0.2·0.1 + 0.3·0.2) / 0.6 = 0.08 / 0.6 = 13.3333...;
    // n2: (0, 4, 0) → 0.2·0.4 / 0.6 = 13.3333... as well, but in floating point 13.33333333333333 vs 13.333333333333334.
    // The sd of that noise (~1e-15) must not be divided by: both get z = 0 → 50, not 40 and 60.
    const criteria = [0.1, 0.2, 0.3].map((weight, i) => ({ id: `c${i}`, weight, min: 0, max: 10 }));
    const scores = [...sheet("j1", "n1", { c0: 0, c1: 1, c2: 2 }), ...sheet("j1", "n2", { c0: 0, c1: 4, c2: 0 })];
    expect(aggregate(criteria, scores, ["n1", "n2"], MEAN).map((r) => r.score)).toEqual([13.3333, 13.3333]);
    expect(aggregate(criteria, scores, ["n1", "n2"], NORMALIZED).map((r) => r.score)).toEqual([50, 50]);
  });

  it("normalise: a strict and a lenient juror who rank the same way get equal values", () => {
    // strict j1: 1, 2, 3 → 10, 20, 30 (mean 20, sd √(200/3) = 8.165)
    // lenient j2: 4, 6, 8 → 40, 60, 80 (mean 60, sd √(800/3) = 16.33)
    // both: z = −√1.5, 0, √1.5 = −1.2247, 0, 1.2247 → 50 + 10·z = 37.7526, 50, 62.2474
    const scores = overall({ j1: { n1: 1, n2: 2, n3: 3 }, j2: { n1: 4, n2: 6, n3: 8 } });
    const rows = aggregate(SINGLE, scores, ["n1", "n2", "n3"], NORMALIZED);
    const expected = [37.7526, 50, 62.2474];
    rows.forEach((row, i) => {
      expect(row.perJuror).toEqual([
        { jurorId: "j1", score: expected[i] },
        { jurorId: "j2", score: expected[i] },
      ]);
      expect(row).toMatchObject({ score: expected[i], stdev: 0 });
    });
    // Without normalisation they disagree by 30–50 points.
    expect(aggregate(SINGLE, scores, ["n1"], MEAN)[0]).toMatchObject({ min: 10, max: 40, stdev: 15 });
  });

  it("normalise: a juror with a wide spread no longer outweighs one with a narrow spread", () => {
    // j1: 10, 5 → 100, 50 (mean 75, sd 25, z = +1, −1); j2: 1, 2 → 10, 20 (mean 15, sd 5, z = −1, +1)
    // raw: n1 (100 + 10) / 2 = 55 beats n2 (50 + 20) / 2 = 35; normalised both (60 + 40) / 2 = 50.
    const scores = overall({ j1: { n1: 10, n2: 5 }, j2: { n1: 1, n2: 2 } });
    expect(aggregate(SINGLE, scores, ["n1", "n2"], MEAN).map((r) => r.score)).toEqual([55, 35]);
    expect(aggregate(SINGLE, scores, ["n1", "n2"], NORMALIZED).map((r) => r.score)).toEqual([50, 50]);
  });
});

describe("rankAggregate", () => {
  const row = (nomineeId: string, score: number | null): AggregateRow => ({
    nomineeId,
    score,
    jurors: score === null ? 0 : 5,
    min: score,
    max: score,
    stdev: score === null ? null : 0,
    tooFewScores: score === null,
    perJuror: [],
  });

  it("competition ranking with ties ordered by nomineeId, candidates without a score last", () => {
    const rows = [row("e", null), row("d", 60), row("c", 70), row("a", null), row("b", 70), row("f", 80)];
    const ranked = rankAggregate(rows).map((r) => [r.nomineeId, r.place, r.tied]);
    expect(ranked).toEqual([
      ["f", 1, false],
      ["b", 2, true],
      ["c", 2, true],
      ["d", 4, false],
      ["a", null, false],
      ["e", null, false],
    ]);
    expect(rankAggregate([...rows].reverse())).toEqual(rankAggregate(rows));
  });

  it("keeps the row data and handles a three-way tie for first and an empty list", () => {
    const ranked = rankAggregate([row("z", 50), row("y", 50), row("x", 50), row("w", 10)]);
    expect(ranked.map((r) => [r.nomineeId, r.place, r.tied])).toEqual([
      ["x", 1, true],
      ["y", 1, true],
      ["z", 1, true],
      ["w", 4, false],
    ]);
    expect(ranked[0]).toMatchObject({ score: 50, jurors: 5, stdev: 0 });
    expect(rankAggregate([])).toEqual([]);
  });

  it("ranks the aggregate of scores end to end", () => {
    // n1: (80 + 60) / 2 = 70; n2: (70 + 70) / 2 = 70; n3: 90 (one juror); n4: nothing
    const scores = overall({ j1: { n1: 8, n2: 7, n3: 9 }, j2: { n1: 6, n2: 7 } });
    const ranked = rankAggregate(aggregate(SINGLE, scores, ["n1", "n2", "n3", "n4"], { ...MEAN, minScores: 2 }));
    expect(ranked.map((r) => [r.nomineeId, r.score, r.place, r.tied, r.tooFewScores])).toEqual([
      ["n3", 90, 1, false, true],
      ["n1", 70, 2, true, false],
      ["n2", 70, 2, true, false],
      ["n4", null, null, false, true],
    ]);
  });
});

describe("properties", () => {
  interface Scenario {
    criteria: Criterion[];
    nomineeIds: string[];
    jurorIds: string[];
    scores: Score[];
  }

  const criteriaArb = fc
    .array(
      fc.record({
        weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
        min: fc.integer({ min: -5, max: 5 }),
        range: fc.integer({ min: 1, max: 10 }),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((cs) => cs.map((c, i) => ({ id: `c${i}`, weight: c.weight, min: c.min, max: c.min + c.range })));

  /** A jury round: every juror × candidate × criterion cell is scored with probability 5/6, within scale. */
  const scenarioArb = (integerScores: boolean): fc.Arbitrary<Scenario> =>
    fc
      .record({ criteria: criteriaArb, nominees: fc.integer({ min: 1, max: 6 }), jurors: fc.integer({ min: 1, max: 10 }) })
      .chain(({ criteria, nominees, jurors }) => {
        const nomineeIds = Array.from({ length: nominees }, (_, i) => `n${i}`);
        const jurorIds = Array.from({ length: jurors }, (_, i) => `j${i}`);
        const cells = jurorIds.flatMap((jurorId) => nomineeIds.flatMap((nomineeId) => criteria.map((c) => ({ jurorId, nomineeId, c }))));
        return fc
          .array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 6 }), { minLength: cells.length, maxLength: cells.length })
          .map((fractions) => {
            const scores: Score[] = [];
            cells.forEach(({ jurorId, nomineeId, c }, i) => {
              const f = fractions[i];
              if (f === null || f === undefined) return;
              const offset = (c.max - c.min) * f;
              scores.push({ jurorId, nomineeId, criterionId: c.id, score: c.min + (integerScores ? Math.round(offset) : offset) });
            });
            return { criteria, nomineeIds, jurorIds, scores };
          });
      });

  const optionsArb: fc.Arbitrary<AggregateOptions> = fc.record({
    method: fc.constantFrom("mean" as const, "median" as const),
    normalize: fc.boolean(),
    minScores: fc.integer({ min: 0, max: 15 }),
  });

  const numbersOf = (row: AggregateRow) => [row.score, row.min, row.max, row.stdev, ...row.perJuror.map((p) => p.score)];

  it("(a) the aggregate and ranking do not depend on the order scores were entered", () => {
    const arb = fc
      .tuple(scenarioArb(true), optionsArb, fc.array(fc.record({ index: fc.nat(), conflict: fc.boolean() }), { maxLength: 4 }))
      .chain(([scenario, options, duplicates]) => {
        // Also re-enter a few scores, identically or with a conflicting value.
        const extra =
          scenario.scores.length === 0
            ? []
            : duplicates.map(({ index, conflict }) => {
                const s = scenario.scores[index % scenario.scores.length]!;
                return conflict ? { ...s, score: s.score + 0.5 } : { ...s };
              });
        const scores = [...scenario.scores, ...extra];
        return fc
          .shuffledSubarray(scores, { minLength: scores.length, maxLength: scores.length })
          .map((shuffled) => ({ ...scenario, scores, shuffled, options }));
      });
    fc.assert(
      fc.property(arb, ({ criteria, nomineeIds, scores, shuffled, options }) => {
        const original = aggregate(criteria, scores, nomineeIds, options);
        const permuted = aggregate(criteria, shuffled, nomineeIds, options);
        expect(permuted).toEqual(original);
        expect(rankAggregate([...permuted].reverse())).toEqual(rankAggregate(original));
      }),
      { numRuns: 150 },
    );
  });

  it("(b) every reported number is finite or null, also with stray scores", () => {
    const junkArb = fc.array(
      fc.record({
        jurorId: fc.constantFrom("j0", "j1", "x"),
        nomineeId: fc.constantFrom("n0", "n1", "unlisted"),
        criterionId: fc.constantFrom("c0", "c1", "unknown"),
        score: fc.oneof(fc.double(), fc.integer({ min: -20, max: 20 })),
      }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(fc.boolean().chain(scenarioArb), optionsArb, junkArb, ({ criteria, nomineeIds, scores }, options, junk) => {
        const ranked = rankAggregate(aggregate(criteria, [...scores, ...junk], nomineeIds, options));
        expect(ranked).toHaveLength(nomineeIds.length);
        for (const row of ranked) {
          for (const n of [...numbersOf(row), row.place]) if (n !== null) expect(Number.isFinite(n)).toBe(true);
          expect(row.score === null).toBe(row.jurors === 0);
          expect(row.tooFewScores).toBe(row.jurors < options.minScores);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("(c) without normalisation every score lies within 0..100", () => {
    fc.assert(
      fc.property(scenarioArb(false), optionsArb, ({ criteria, nomineeIds, scores }, options) => {
        for (const row of aggregate(criteria, scores, nomineeIds, { ...options, normalize: false })) {
          for (const n of numbersOf(row)) if (n !== null) expect(n >= 0 && n <= 100).toBe(true);
          if (row.score !== null) expect(row.min! <= row.score && row.score <= row.max!).toBe(true);
          if (row.stdev !== null) expect(row.stdev).toBeLessThanOrEqual(50);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("(d) shifting one juror's scores by a constant leaves the normalised ranking unchanged", () => {
    const arb = fc
      .tuple(scenarioArb(true), optionsArb, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([scenario, options, pick, f]) => {
        const { criteria, jurorIds, scores } = scenario;
        const jurorId = jurorIds[pick % jurorIds.length]!;
        const byId = new Map(criteria.map((c) => [c.id, c]));
        // The largest shift that keeps all of this juror's scores within their scales.
        let lo = -Infinity;
        let hi = Infinity;
        for (const s of scores) {
          if (s.jurorId !== jurorId) continue;
          const c = byId.get(s.criterionId)!;
          lo = Math.max(lo, c.min - s.score);
          hi = Math.min(hi, c.max - s.score);
        }
        const shift = Number.isFinite(lo) ? lo + Math.round(f * (hi - lo)) : 0;
        const shifted = scores.map((s) => (s.jurorId === jurorId ? { ...s, score: s.score + shift } : s));
        return { ...scenario, shifted, options: { ...options, normalize: true } };
      });
    const ranking = (rows: AggregateRow[]) => rankAggregate(rows).map((r) => [r.nomineeId, r.place, r.tied]);
    fc.assert(
      fc.property(arb, ({ criteria, nomineeIds, scores, shifted, options }) => {
        const before = aggregate(criteria, scores, nomineeIds, options);
        const after = aggregate(criteria, shifted, nomineeIds, options);
        expect(ranking(after)).toEqual(ranking(before));
        after.forEach((row, i) => {
          if (row.score === null) expect(before[i]!.score).toBeNull();
          else expect(row.score).toBeCloseTo(before[i]!.score!, 3);
        });
      }),
      { numRuns: 150 },
    );
  });
});
