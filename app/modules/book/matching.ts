// The assignment assistant: which author writes which portrait, over the claims authors made.
// Pure and client-safe. Only claimed pairs are suggested; an author never gets more portraits than
// their remaining capacity, a portrait at most one author. Among all such assignments it picks one
// that (1) assigns the most portraits, then (2) gives the most authors their first choice, then
// (3) the most their second choice.
//
// Method: min-cost max-flow by successive shortest paths (Bellman-Ford, the graph is tiny):
// source → author (capacity = remaining, cost 0) → portrait (capacity 1, cost by rank) → sink (capacity 1).
// Costs rank 1 = 0, rank 2 = K, rank 3 = K + 1 with K > number of portraits: for a flow of F pairs the
// cost is K·(F − first) + third, so a cheapest maximum flow has the most first choices (third < K) and
// then the fewest third choices, i.e. the most second choices. Ties are broken by input order.

export type Rank = 1 | 2 | 3;

export interface MatchClaim {
  proposalId: string;
  userId: string;
  rank: Rank;
}

export interface MatchInput {
  /** Portraits without an author, in the order ties should favour. */
  portraits: string[];
  /** Authors with how many more portraits they can take (already assigned ones subtracted). */
  authors: Array<{ userId: string; remaining: number }>;
  claims: MatchClaim[];
}

export type MatchPair = MatchClaim;

export interface MatchResult {
  pairs: MatchPair[];
  /** How many suggested pairs are a first, second and third choice. */
  byRank: Record<Rank, number>;
  /** Portraits nobody claimed. */
  unclaimed: string[];
  /** Portraits that were claimed but still get no author (their claimants are full). */
  unmatched: string[];
  /** Authors who have no room left after the suggestion (including those who had none before). */
  authorsAtCap: string[];
}

interface Edge {
  to: number;
  cap: number;
  cost: number;
  rev: number;
}

export function suggestAssignment(input: MatchInput): MatchResult {
  const portraitIndex = new Map<string, number>();
  input.portraits.forEach((p) => {
    if (!portraitIndex.has(p)) portraitIndex.set(p, portraitIndex.size);
  });
  const authorIndex = new Map<string, number>();
  const authors: Array<{ userId: string; remaining: number }> = [];
  for (const a of input.authors) {
    if (authorIndex.has(a.userId)) continue;
    authorIndex.set(a.userId, authors.length);
    authors.push({ userId: a.userId, remaining: Math.max(0, Math.floor(a.remaining)) });
  }
  const P = portraitIndex.size;
  const A = authors.length;
  const K = P + 1;
  const costOf = (rank: Rank) => (rank === 1 ? 0 : rank === 2 ? K : K + 1);

  // Only claims on unassigned portraits by authors with room; one claim per (author, portrait), best rank kept.
  const best = new Map<string, MatchClaim>();
  for (const c of input.claims) {
    const a = authorIndex.get(c.userId);
    if (a === undefined || portraitIndex.get(c.proposalId) === undefined || authors[a]!.remaining <= 0) continue;
    const key = `${c.userId}\u0000${c.proposalId}`;
    const prev = best.get(key);
    if (!prev || c.rank < prev.rank) best.set(key, c);
  }
  // Deterministic edge order: by author input order, then portrait input order.
  const claims = [...best.values()].sort(
    (x, y) =>
      authorIndex.get(x.userId)! - authorIndex.get(y.userId)! || portraitIndex.get(x.proposalId)! - portraitIndex.get(y.proposalId)!,
  );

  // Nodes: 0 source, 1..A authors, A+1..A+P portraits, A+P+1 sink.
  const source = 0;
  const sink = A + P + 1;
  const graph: Edge[][] = Array.from({ length: sink + 1 }, () => []);
  const addEdge = (from: number, to: number, cap: number, cost: number) => {
    graph[from]!.push({ to, cap, cost, rev: graph[to]!.length });
    graph[to]!.push({ to: from, cap: 0, cost: -cost, rev: graph[from]!.length - 1 });
  };
  authors.forEach((a, i) => {
    if (a.remaining > 0) addEdge(source, 1 + i, a.remaining, 0);
  });
  const claimEdges: Array<{ claim: MatchClaim; from: number; index: number }> = [];
  for (const c of claims) {
    const from = 1 + authorIndex.get(c.userId)!;
    claimEdges.push({ claim: c, from, index: graph[from]!.length });
    addEdge(from, 1 + A + portraitIndex.get(c.proposalId)!, 1, costOf(c.rank));
  }
  for (let p = 0; p < P; p++) addEdge(1 + A + p, sink, 1, 0);

  // Successive shortest paths: each augmentation adds one pair (every path passes a capacity-1 edge).
  for (;;) {
    const dist = new Array<number>(sink + 1).fill(Infinity);
    const prevNode = new Array<number>(sink + 1).fill(-1);
    const prevEdge = new Array<number>(sink + 1).fill(-1);
    dist[source] = 0;
    for (let round = 0; round <= sink; round++) {
      let changed = false;
      for (let u = 0; u <= sink; u++) {
        if (dist[u] === Infinity) continue;
        graph[u]!.forEach((e, i) => {
          if (e.cap > 0 && dist[u]! + e.cost < dist[e.to]!) {
            dist[e.to] = dist[u]! + e.cost;
            prevNode[e.to] = u;
            prevEdge[e.to] = i;
            changed = true;
          }
        });
      }
      if (!changed) break;
    }
    if (dist[sink] === Infinity) break;
    for (let v = sink; v !== source; v = prevNode[v]!) {
      const e = graph[prevNode[v]!]![prevEdge[v]!]!;
      e.cap -= 1;
      graph[v]![e.rev]!.cap += 1;
    }
  }

  const pairs: MatchPair[] = claimEdges.filter(({ from, index }) => graph[from]![index]!.cap === 0).map(({ claim }) => ({ ...claim }));
  pairs.sort((x, y) => portraitIndex.get(x.proposalId)! - portraitIndex.get(y.proposalId)!);
  const byRank: Record<Rank, number> = { 1: 0, 2: 0, 3: 0 };
  for (const p of pairs) byRank[p.rank]++;
  const claimed = new Set(input.claims.map((c) => c.proposalId));
  const matched = new Set(pairs.map((p) => p.proposalId));
  const used = new Map<string, number>();
  for (const p of pairs) used.set(p.userId, (used.get(p.userId) ?? 0) + 1);
  return {
    pairs,
    byRank,
    unclaimed: [...portraitIndex.keys()].filter((p) => !claimed.has(p)),
    unmatched: [...portraitIndex.keys()].filter((p) => claimed.has(p) && !matched.has(p)),
    authorsAtCap: authors.filter((a) => a.remaining - (used.get(a.userId) ?? 0) <= 0).map((a) => a.userId),
  };
}

/** The lexicographic quality of an assignment: (pairs, first choices, second choices); higher is better. */
export function matchScore(pairs: Array<{ rank: Rank }>): [number, number, number] {
  return [pairs.length, pairs.filter((p) => p.rank === 1).length, pairs.filter((p) => p.rank === 2).length];
}
