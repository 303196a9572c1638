import { describe, expect, it } from "vitest";
import { placeBy, type Entry, type RankKey } from "~/modules/results/ranking";

const entry = (nominee: string, combined: number, jury: number, pub: number): Entry => ({
  nominee,
  name: nominee,
  organisation: "",
  category: "c",
  combined,
  jury,
  public: pub,
});
const combinedKeys: RankKey[] = [
  { name: "primary", get: (e) => e.combined },
  { name: "jury", get: (e) => e.jury },
  { name: "public", get: (e) => e.public },
];

describe("prize ranking", () => {
  it("breaks equal combined scores by the jury score and says so", () => {
    const ranked = placeBy([entry("a", 70, 60, 85), entry("b", 70, 80, 55), entry("c", 90, 90, 90)], combinedKeys);
    expect(ranked.map((r) => [r.nominee, r.place, r.tied, r.tieBrokenBy])).toEqual([
      ["c", 1, false, undefined],
      ["b", 2, false, "jury"],
      ["a", 3, false, "jury"],
    ]);
  });

  it("falls back to the public score, and shares the place when every key is equal", () => {
    const ranked = placeBy([entry("a", 70, 60, 80), entry("b", 70, 60, 90), entry("c", 50, 50, 50), entry("d", 50, 50, 50)], combinedKeys);
    expect(ranked.map((r) => [r.nominee, r.place, r.tied, r.tieBrokenBy])).toEqual([
      ["b", 1, false, "public"],
      ["a", 2, false, "public"],
      ["c", 3, true, undefined],
      ["d", 3, true, undefined],
    ]);
  });

  it("does not depend on the input order", () => {
    const list = [entry("a", 70, 60, 80), entry("b", 70, 60, 90), entry("c", 50, 50, 50), entry("d", 50, 50, 50)];
    expect(placeBy([...list].reverse(), combinedKeys)).toEqual(placeBy(list, combinedKeys));
  });
});
