// Pure voting rules, shared by server and browser: reading a ballot form, ranking a tally and
// deciding who advances. No I/O here, so unit tests cover every edge.

import type { BallotMode, TieBreak } from "../../../db/types";
import { ok, refuse, type Outcome } from "~/lib/outcome";

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The choices a ballot form carries, in rank order, or the form's refusal (400 with its message).
 * Single choice: one radio `choice`; approval: checkboxes `choice-<id>`; ranked: text fields
 * `rank-<id>` holding 1..N. Only ids of `allowed` candidates are read; anything else in the form is ignored.
 */
export function selectionFromForm(raw: Record<string, string>, mode: BallotMode, max: number, allowed: string[]): Outcome<string[]> {
  const allowedSet = new Set(allowed);
  if (mode === "single") {
    const id = raw.choice ?? "";
    if (!id) return refuse(400, "voting.errors.chooseOne");
    if (!allowedSet.has(id)) return refuse(400, "voting.errors.invalidChoice");
    return ok([id]);
  }
  if (mode === "approval") {
    const chosen = allowed.filter((id) => raw[`choice-${id}`] !== undefined && raw[`choice-${id}`] !== "");
    if (chosen.length === 0) return refuse(400, "voting.errors.chooseAtLeastOne");
    if (chosen.length > max) return refuse(400, "voting.errors.tooMany", { params: { max } });
    return ok(chosen);
  }
  const ranked: Array<[number, string]> = [];
  for (const id of allowed) {
    const v = (raw[`rank-${id}`] ?? "").trim();
    if (v === "") continue;
    if (!/^\d{1,2}$/.test(v) || Number(v) < 1 || Number(v) > max) return refuse(400, "voting.errors.rankRange", { params: { max } });
    ranked.push([Number(v), id]);
  }
  if (ranked.length === 0) return refuse(400, "voting.errors.chooseAtLeastOne");
  if (ranked.length > max) return refuse(400, "voting.errors.tooMany", { params: { max } });
  ranked.sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < ranked.length; i++) {
    if (i > 0 && ranked[i]![0] === ranked[i - 1]![0]) return refuse(400, "voting.errors.rankTwice");
    if (ranked[i]![0] !== i + 1) return refuse(400, "voting.errors.rankGap");
  }
  return ok(ranked.map(([, id]) => id));
}

/** The ids of the ticked checkboxes named `<prefix><id>` of a posted form. */
export function tickedIds(raw: Record<string, string>, prefix: string): string[] {
  return Object.keys(raw)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
}

/**
 * What the tie form (the Advancement component) posted: its category, which must be one of the
 * edition's, and the ticked candidates; null for a category that is not.
 */
export function tieChoice(raw: Record<string, string>, categories: ReadonlyArray<{ id: string }>) {
  const categoryId = raw.categoryId ?? "";
  if (!categories.some((c) => c.id === categoryId)) return null;
  return { categoryId, chosen: tickedIds(raw, "advance-") };
}

/** The choices of a confirmed ballot ("id,id,id" in rank order), checked for shape and limits. */
export function parseChoiceList(value: string, max: number): string[] | null {
  if (value.length > 40 * 20) return null;
  const ids = value.split(",").map((s) => s.trim().toLowerCase());
  if (ids.length < 1 || ids.length > max || !ids.every((id) => UUID_RE.test(id))) return null;
  if (new Set(ids).size !== ids.length) return null;
  return ids;
}

export interface TallyRow {
  nomineeId: string;
  name: string;
  /** Ballots that name the candidate. */
  votes: number;
  /** Borda points for ranked ballots (max − rank + 1 per ballot); equal to votes otherwise. */
  points: number;
  /** Ballots that rank the candidate first. */
  first: number;
}

export interface RankedRow extends TallyRow {
  score: number;
  /** Competition ranking: 1, 2, 2, 4. */
  place: number;
  tied: boolean;
}

/** Orders a category's tally by the round's score; the tie-break "first preferences" orders equal scores by first choices. */
export function rankTally(rows: TallyRow[], mode: BallotMode, tieBreak: TieBreak): RankedRow[] {
  const score = (r: TallyRow) => (mode === "ranked" ? r.points : r.votes);
  const useFirst = tieBreak === "first_preferences";
  const key = (r: TallyRow) => [score(r), useFirst ? r.first : 0] as const;
  const sorted = [...rows].sort((a, b) => {
    const [sa, fa] = key(a);
    const [sb, fb] = key(b);
    return sb - sa || fb - fa || a.name.localeCompare(b.name, "nl") || a.nomineeId.localeCompare(b.nomineeId);
  });
  const out: RankedRow[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i]!;
    const prev = out[i - 1];
    const same = prev !== undefined && key(prev)[0] === key(r)[0] && key(prev)[1] === key(r)[1];
    out.push({ ...r, score: score(r), place: same ? prev.place : i + 1, tied: false });
  }
  for (let i = 0; i < out.length; i++) {
    out[i]!.tied = out.some((o, j) => j !== i && o.place === out[i]!.place);
  }
  return out;
}

export interface Advancement {
  /** Advance by the rule (clear places), or by the round's tie rule. */
  advance: Array<{ nomineeId: string; place: number; score: number; by: "rule" | "tie_rule" }>;
  /** A tie at the cut that the rule did not settle: organizers choose `seats` of `nomineeIds`. */
  undecided: { place: number; seats: number; nomineeIds: string[] } | null;
}

/**
 * Top K of a ranked category. A tie across the cut either lets all tied candidates through
 * (include_all) or is left to organizers (organizer, and first_preferences when first choices are equal too).
 * Candidates without a single vote never advance by the rule.
 */
export function topK(
  ranked: RankedRow[],
  k: number,
  tieBreak: TieBreak,
  /** Who may advance by the rule at all: a vote needs one vote; a jury round passes only scored candidates. */
  counts: (r: RankedRow) => boolean = (r) => r.score > 0,
): Advancement {
  const withVotes = ranked.filter(counts);
  const advance: Advancement["advance"] = [];
  let undecided: Advancement["undecided"] = null;
  const places = [...new Set(withVotes.map((r) => r.place))];
  for (const place of places) {
    if (place > k) break;
    const group = withVotes.filter((r) => r.place === place);
    const seats = k - advance.length;
    if (group.length <= seats) {
      for (const r of group) advance.push({ nomineeId: r.nomineeId, place, score: r.score, by: "rule" });
    } else if (tieBreak === "include_all") {
      for (const r of group) advance.push({ nomineeId: r.nomineeId, place, score: r.score, by: "tie_rule" });
      break;
    } else {
      undecided = { place, seats, nomineeIds: group.map((r) => r.nomineeId) };
      break;
    }
    if (advance.length >= k) break;
  }
  return { advance, undecided };
}

const RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

/** Formats twelve symbols as XXXX-XXXX-XXXX. */
export function formatReceipt(symbols: string): string {
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}`;
}

/** A typed receipt code in canonical form, or null when it cannot be one (spaces, dashes and case are forgiven). */
export function normalizeReceipt(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, "");
  if (s.length !== 12 || ![...s].every((ch) => RECEIPT_ALPHABET.includes(ch))) return null;
  return formatReceipt(s);
}

export { RECEIPT_ALPHABET };
