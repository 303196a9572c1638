import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchScore, suggestAssignment, type MatchClaim, type MatchInput, type Rank } from "~/modules/book/matching";

const claim = (userId: string, proposalId: string, rank: Rank): MatchClaim => ({ userId, proposalId, rank });

/** Every valid assignment (each portrait: nobody or one claimant with room), the best score found. */
function bruteForce(input: MatchInput): [number, number, number] {
  const room = new Map(input.authors.map((a) => [a.userId, a.remaining]));
  const byPortrait = input.portraits.map((p) => input.claims.filter((c) => c.proposalId === p && (room.get(c.userId) ?? 0) > 0));
  let best: [number, number, number] = [0, 0, 0];
  const chosen: MatchClaim[] = [];
  const walk = (i: number) => {
    if (i === byPortrait.length) {
      const s = matchScore(chosen);
      if (s[0] > best[0] || (s[0] === best[0] && (s[1] > best[1] || (s[1] === best[1] && s[2] > best[2])))) best = s;
      return;
    }
    walk(i + 1);
    for (const c of byPortrait[i]!) {
      if ((room.get(c.userId) ?? 0) <= 0) continue;
      room.set(c.userId, room.get(c.userId)! - 1);
      chosen.push(c);
      walk(i + 1);
      chosen.pop();
      room.set(c.userId, room.get(c.userId)! + 1);
    }
  };
  walk(0);
  return best;
}

function assertValid(input: MatchInput, pairs: MatchClaim[]) {
  const claimed = new Set(input.claims.map((c) => `${c.userId}/${c.proposalId}/${c.rank}`));
  const perAuthor = new Map<string, number>();
  const portraits = new Set<string>();
  for (const p of pairs) {
    expect(claimed.has(`${p.userId}/${p.proposalId}/${p.rank}`)).toBe(true);
    expect(portraits.has(p.proposalId)).toBe(false);
    portraits.add(p.proposalId);
    perAuthor.set(p.userId, (perAuthor.get(p.userId) ?? 0) + 1);
  }
  for (const a of input.authors) expect(perAuthor.get(a.userId) ?? 0).toBeLessThanOrEqual(Math.max(0, a.remaining));
}

describe("suggestAssignment", () => {
  it("gives everyone their first choice when the first choices differ", () => {
    const r = suggestAssignment({
      portraits: ["p1", "p2", "p3"],
      authors: [
        { userId: "a", remaining: 1 },
        { userId: "b", remaining: 1 },
      ],
      claims: [claim("a", "p1", 1), claim("a", "p2", 2), claim("b", "p2", 1), claim("b", "p1", 2)],
    });
    expect(r.pairs).toEqual([claim("a", "p1", 1), claim("b", "p2", 1)]);
    expect(r.byRank).toEqual({ 1: 2, 2: 0, 3: 0 });
    expect(r.unclaimed).toEqual(["p3"]);
    expect(r.unmatched).toEqual([]);
    expect(r.authorsAtCap).toEqual(["a", "b"]);
  });

  it("prefers more portraits assigned over more first choices", () => {
    // a and b both want p1 first; b's only other wish is p2 (third). Greedy on first choices would give
    // a p1 and leave b with p2; the count is the same, but if a's only claim is p1, b must give way.
    const r = suggestAssignment({
      portraits: ["p1", "p2"],
      authors: [
        { userId: "a", remaining: 1 },
        { userId: "b", remaining: 1 },
      ],
      claims: [claim("a", "p1", 1), claim("b", "p1", 1), claim("b", "p2", 3)],
    });
    expect(r.pairs).toEqual([claim("a", "p1", 1), claim("b", "p2", 3)]);
    // Here two first choices are impossible together with two portraits: a p2-less author forces it.
    const r2 = suggestAssignment({
      portraits: ["p1", "p2"],
      authors: [
        { userId: "a", remaining: 1 },
        { userId: "b", remaining: 1 },
      ],
      claims: [claim("a", "p1", 1), claim("a", "p2", 3), claim("b", "p1", 1)],
    });
    expect(r2.pairs).toEqual([claim("b", "p1", 1), claim("a", "p2", 3)]);
    expect(r2.byRank).toEqual({ 1: 1, 2: 0, 3: 1 });
  });

  it("prefers one first choice and a third over two second choices", () => {
    const r = suggestAssignment({
      portraits: ["p1", "p2"],
      authors: [
        { userId: "a", remaining: 1 },
        { userId: "b", remaining: 1 },
      ],
      claims: [claim("a", "p1", 1), claim("a", "p2", 2), claim("b", "p1", 2), claim("b", "p2", 3)],
    });
    expect(r.pairs).toEqual([claim("a", "p1", 1), claim("b", "p2", 3)]);
  });

  it("then prefers second choices over third choices", () => {
    const r = suggestAssignment({
      portraits: ["p1", "p2", "p3"],
      authors: [
        { userId: "a", remaining: 1 },
        { userId: "b", remaining: 1 },
      ],
      claims: [claim("a", "p1", 3), claim("a", "p2", 2), claim("b", "p2", 3), claim("b", "p3", 2)],
    });
    expect(r.byRank).toEqual({ 1: 0, 2: 2, 3: 0 });
    expect(r.pairs).toEqual([claim("a", "p2", 2), claim("b", "p3", 2)]);
  });

  it("respects each author's remaining capacity (none left means no suggestion)", () => {
    const r = suggestAssignment({
      portraits: ["p1", "p2", "p3"],
      authors: [
        { userId: "a", remaining: 2 },
        { userId: "full", remaining: 0 },
      ],
      claims: [claim("a", "p1", 1), claim("a", "p2", 2), claim("a", "p3", 3), claim("full", "p3", 1)],
    });
    expect(r.pairs).toEqual([claim("a", "p1", 1), claim("a", "p2", 2)]);
    expect(r.unmatched).toEqual(["p3"]);
    expect(r.authorsAtCap).toEqual(["a", "full"]);
  });

  it("ignores claims on portraits that already have an author and on unknown authors", () => {
    const r = suggestAssignment({
      portraits: ["p2"],
      authors: [{ userId: "a", remaining: 1 }],
      claims: [claim("a", "p1", 1), claim("x", "p2", 1), claim("a", "p2", 2)],
    });
    expect(r.pairs).toEqual([claim("a", "p2", 2)]);
  });

  it("is deterministic", () => {
    const input: MatchInput = {
      portraits: ["p1", "p2"],
      authors: [
        { userId: "a", remaining: 1 },
        { userId: "b", remaining: 1 },
      ],
      claims: [claim("a", "p1", 1), claim("b", "p1", 1), claim("a", "p2", 1), claim("b", "p2", 1)],
    };
    const first = suggestAssignment(input);
    for (let i = 0; i < 5; i++) expect(suggestAssignment(input)).toEqual(first);
  });

  it("equals the brute-force optimum on small random instances and never breaks a cap", () => {
    const instance = fc
      .record({ portraits: fc.integer({ min: 1, max: 6 }), caps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }) })
      .chain(({ portraits, caps }) =>
        fc
          .array(
            fc.record({
              author: fc.integer({ min: 0, max: caps.length - 1 }),
              picks: fc.uniqueArray(fc.integer({ min: 0, max: portraits - 1 }), { minLength: 0, maxLength: Math.min(3, portraits) }),
            }),
            { maxLength: caps.length },
          )
          .map((wishes) => {
            const seen = new Set<number>();
            const claims: MatchClaim[] = [];
            for (const w of wishes) {
              if (seen.has(w.author)) continue;
              seen.add(w.author);
              w.picks.forEach((p, i) => claims.push(claim(`a${w.author}`, `p${p}`, (i + 1) as Rank)));
            }
            return {
              portraits: Array.from({ length: portraits }, (_, i) => `p${i}`),
              authors: caps.map((c, i) => ({ userId: `a${i}`, remaining: c })),
              claims,
            } satisfies MatchInput;
          }),
      );
    fc.assert(
      fc.property(instance, (input) => {
        const r = suggestAssignment(input);
        assertValid(input, r.pairs);
        expect(matchScore(r.pairs)).toEqual(bruteForce(input));
      }),
      { numRuns: 400 },
    );
  });
});
