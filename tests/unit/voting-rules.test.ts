import { describe, expect, it } from "vitest";
import { normalizeReceipt, parseChoiceList, rankTally, selectionFromForm, topK, type TallyRow } from "~/modules/voting/rules";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const C = "00000000-0000-4000-8000-00000000000c";
const D = "00000000-0000-4000-8000-00000000000d";
const ALL = [A, B, C, D];

describe("reading a ballot form", () => {
  it("single choice: one allowed radio value", () => {
    expect(selectionFromForm({ choice: B }, "single", 1, ALL)).toEqual({ ok: true, value: [B] });
    expect(selectionFromForm({}, "single", 1, ALL)).toMatchObject({ ok: false, status: 400, error: "voting.errors.chooseOne" });
    expect(selectionFromForm({ choice: "elsewhere" }, "single", 1, ALL)).toMatchObject({
      ok: false,
      status: 400,
      error: "voting.errors.invalidChoice",
    });
  });

  it("approval: ticked boxes of allowed candidates, at most max, ignoring unknown fields", () => {
    expect(selectionFromForm({ [`choice-${C}`]: "on", [`choice-${A}`]: "on", "choice-x": "on" }, "approval", 2, ALL)).toEqual({
      ok: true,
      value: [A, C],
    });
    expect(selectionFromForm({ [`choice-${A}`]: "on", [`choice-${B}`]: "on", [`choice-${C}`]: "on" }, "approval", 2, ALL)).toMatchObject({
      ok: false,
      status: 400,
      error: "voting.errors.tooMany",
      params: { max: 2 },
    });
    expect(selectionFromForm({}, "approval", 2, ALL)).toMatchObject({ ok: false, status: 400, error: "voting.errors.chooseAtLeastOne" });
  });

  it("ranked: 1..n without gaps or repeats, in rank order", () => {
    expect(selectionFromForm({ [`rank-${C}`]: "1", [`rank-${A}`]: " 2 ", [`rank-${B}`]: "" }, "ranked", 3, ALL)).toEqual({
      ok: true,
      value: [C, A],
    });
    expect(selectionFromForm({ [`rank-${C}`]: "1", [`rank-${A}`]: "1" }, "ranked", 3, ALL)).toMatchObject({
      error: "voting.errors.rankTwice",
    });
    expect(selectionFromForm({ [`rank-${C}`]: "1", [`rank-${A}`]: "3" }, "ranked", 3, ALL)).toMatchObject({
      error: "voting.errors.rankGap",
    });
    expect(selectionFromForm({ [`rank-${C}`]: "4" }, "ranked", 3, ALL)).toMatchObject({ error: "voting.errors.rankRange" });
    expect(selectionFromForm({ [`rank-${C}`]: "een" }, "ranked", 3, ALL)).toMatchObject({ error: "voting.errors.rankRange" });
    expect(selectionFromForm({ [`rank-${C}`]: "0" }, "ranked", 3, ALL)).toMatchObject({ error: "voting.errors.rankRange" });
  });

  it("parses a confirmed choice list strictly", () => {
    expect(parseChoiceList(`${A},${B}`, 2)).toEqual([A, B]);
    expect(parseChoiceList(`${A.toUpperCase()}`, 1)).toEqual([A]);
    expect(parseChoiceList(`${A},${A}`, 2)).toBeNull();
    expect(parseChoiceList(`${A},${B},${C}`, 2)).toBeNull();
    expect(parseChoiceList("", 2)).toBeNull();
    expect(parseChoiceList("1,2", 2)).toBeNull();
    expect(parseChoiceList(`${A},`.repeat(100), 20)).toBeNull();
  });
});

const row = (nomineeId: string, votes: number, first = votes, points = votes): TallyRow => ({
  nomineeId,
  name: nomineeId.slice(-1),
  votes,
  points,
  first,
});

describe("ranking and advancement", () => {
  it("ranks by votes with competition places and marks ties", () => {
    const ranked = rankTally([row(A, 3), row(B, 5), row(C, 3), row(D, 0)], "single", "include_all");
    expect(ranked.map((r) => [r.nomineeId, r.place, r.tied])).toEqual([
      [B, 1, false],
      [A, 2, true],
      [C, 2, true],
      [D, 4, false],
    ]);
  });

  it("is independent of the order the rows arrive in", () => {
    const rows = [row(A, 3), row(B, 5), row(C, 3), row(D, 1)];
    const expected = rankTally(rows, "single", "include_all");
    for (const order of [
      [3, 2, 1, 0],
      [1, 3, 0, 2],
      [2, 0, 3, 1],
    ]) {
      expect(
        rankTally(
          order.map((i) => rows[i]!),
          "single",
          "include_all",
        ),
      ).toEqual(expected);
    }
  });

  it("ranked ballots rank by points; first preferences break ties when the round says so", () => {
    const rows = [row(A, 2, 0, 4), row(B, 2, 2, 4), row(C, 1, 0, 1)];
    expect(rankTally(rows, "ranked", "include_all").map((r) => r.place)).toEqual([1, 1, 3]);
    const broken = rankTally(rows, "ranked", "first_preferences");
    expect(broken.map((r) => [r.nomineeId, r.place])).toEqual([
      [B, 1],
      [A, 2],
      [C, 3],
    ]);
  });

  it("top K: clear places advance by rule; a tie at the cut is included or left to organizers", () => {
    const ranked = rankTally([row(A, 5), row(B, 3), row(C, 3), row(D, 1)], "single", "include_all");
    expect(topK(ranked, 2, "include_all")).toEqual({
      advance: [
        { nomineeId: A, place: 1, score: 5, by: "rule" },
        { nomineeId: B, place: 2, score: 3, by: "tie_rule" },
        { nomineeId: C, place: 2, score: 3, by: "tie_rule" },
      ],
      undecided: null,
    });
    expect(topK(ranked, 2, "organizer")).toEqual({
      advance: [{ nomineeId: A, place: 1, score: 5, by: "rule" }],
      undecided: { place: 2, seats: 1, nomineeIds: [B, C] },
    });
    expect(topK(ranked, 3, "organizer")).toMatchObject({ undecided: null });
    expect(topK(ranked, 3, "organizer").advance.map((a) => a.nomineeId)).toEqual([A, B, C]);
  });

  it("never advances candidates without votes, and copes with empty categories", () => {
    expect(topK(rankTally([row(A, 0), row(B, 0)], "single", "organizer"), 1, "organizer")).toEqual({ advance: [], undecided: null });
    expect(topK([], 2, "include_all")).toEqual({ advance: [], undecided: null });
  });
});

describe("receipt codes", () => {
  it("forgive case, spaces and dashes, and refuse anything else", () => {
    expect(normalizeReceipt("abcd efgh jkmn")).toBe("ABCD-EFGH-JKMN");
    expect(normalizeReceipt("ABCD-EFGH-JKM")).toBeNull();
    expect(normalizeReceipt("ABCD-EFGH-JKM0")).toBeNull(); // 0 is not in the alphabet
    expect(normalizeReceipt("")).toBeNull();
  });
});
