// The shape of a published results snapshot, as the pages read it. Format 2 added the jury's
// motivation per prize and the recount lists per vote round (ADR 0014); format 1 snapshots have neither.

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
  /** The jury's motivation (format 2; null when none was given). */
  motivation?: { nl: string; en: string } | null;
  places: number;
  rules: {
    public: { round: string; ballot: string; maxChoices: number; counted: string } | null;
    jury: { aggregation: string; normalize: boolean; criteria: Array<{ name: string; weight: number; scale: [number, number] }> } | null;
    weights: { public: number; jury: number } | null;
    ties: string;
  };
  rankings: Array<{ category: string | null; ranking: SnapshotEntry[] }>;
}

/** One published file of a recount list: its download name, SHA-256 and size in bytes. */
export interface RecountFile {
  name: string;
  sha256: string;
  bytes: number;
}

/** What a snapshot says about a vote round's recount lists (ADR 0014). */
export interface RecountRound {
  round: number;
  name: { nl: string; en: string };
  ballot: "single" | "approval" | "ranked";
  maxChoices: number;
  /** Counted ballots (the ballot list's length). */
  ballots: number;
  receipts: { counted: number; voided: number };
  files: { ballotsJson: RecountFile; ballotsCsv: RecountFile; receiptsJson: RecountFile; receiptsCsv: RecountFile };
}

export interface Snapshot {
  format: "lauwer-results/1" | "lauwer-results/2";
  award: { slug: string; nl: string; en: string };
  year: number;
  categories: Array<{ slug: string; nl: string; en: string }>;
  prizes: SnapshotPrize[];
  recount?: RecountRound[];
}

/** The value a prize ranks by. */
export function prizeValue(prize: Pick<SnapshotPrize, "kind" | "rules">, e: SnapshotEntry): number {
  if (prize.kind === "jury") return e.jury ?? 0;
  if (prize.kind === "combined") return e.combined ?? 0;
  return prize.rules.public?.ballot === "ranked" ? (e.points ?? 0) : (e.votes ?? 0);
}
