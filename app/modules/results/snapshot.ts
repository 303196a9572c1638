// The shape of a published results snapshot (format lauwer-results/1), as the pages read it.

export interface SnapshotEntry {
  nominee: string;
  name: string;
  organisation: string;
  category: string;
  place: number;
  tied: boolean;
  votes?: number;
  points?: number;
  jury?: number | null;
  public?: number;
  combined?: number;
  /** Equal on the ranking score, placed by this rule. */
  tieBrokenBy?: "jury" | "public" | "firstPreferences";
}

export interface SnapshotPrize {
  kind: "jury" | "public" | "top100" | "combined";
  name: { nl: string; en: string };
  places: number;
  rules: {
    public: { round: string; ballot: string; maxChoices: number; counted: string } | null;
    jury: { aggregation: string; normalize: boolean; criteria: Array<{ name: string; weight: number; scale: [number, number] }> } | null;
    weights: { public: number; jury: number } | null;
    ties: string;
  };
  rankings: Array<{ category: string | null; ranking: SnapshotEntry[] }>;
}

export interface Snapshot {
  format: "lauwer-results/1";
  award: { slug: string; nl: string; en: string };
  year: number;
  categories: Array<{ slug: string; nl: string; en: string }>;
  prizes: SnapshotPrize[];
}

/** The value a prize ranks by. */
export function prizeValue(prize: Pick<SnapshotPrize, "kind" | "rules">, e: SnapshotEntry): number {
  if (prize.kind === "jury") return e.jury ?? 0;
  if (prize.kind === "combined") return e.combined ?? 0;
  return prize.rules.public?.ballot === "ranked" ? (e.points ?? 0) : (e.votes ?? 0);
}
