// The one task an edition asks of a visitor right now, for its primary button on the home page and the
// edition pages. Client-safe: computed from the edition view the server loaded with the database clock.

export type PrimaryAction =
  | { kind: "vote"; href: string; closesAt: string | null }
  | { kind: "nominate"; href: string; closesAt: string | null }
  | { kind: "results"; href: string }
  | null;

export interface ActionEdition {
  awardSlug: string;
  year: number;
  nomination: { closesAt: string | null; state: "past" | "current" | "future" };
  rounds: ReadonlyArray<{ position: number; kind: string; closesAt: string | null; state: "past" | "current" | "future" }>;
  categories: ReadonlyArray<{ slug: string }>;
  resultsPublished: boolean;
}

/**
 * An open vote first (straight to its ballot: the category's when there is one category, else the
 * round with its categories; the round closing soonest), then open nominations, then published results.
 */
export function primaryAction(e: ActionEdition): PrimaryAction {
  const base = `/prijzen/${e.awardSlug}/${e.year}`;
  const votes = e.rounds
    .filter((r) => (r.kind === "public_vote" || r.kind === "live_vote") && r.state === "current")
    .sort((a, b) => (a.closesAt ?? "9999").localeCompare(b.closesAt ?? "9999"));
  const vote = votes[0];
  if (vote) {
    const round = `${base}/ronde/${vote.position}`;
    return { kind: "vote", href: e.categories.length === 1 ? `${round}/${e.categories[0]!.slug}` : round, closesAt: vote.closesAt };
  }
  if (e.nomination.state === "current") return { kind: "nominate", href: `${base}/nomineren`, closesAt: e.nomination.closesAt };
  if (e.resultsPublished) return { kind: "results", href: `${base}/uitslag` };
  return null;
}
