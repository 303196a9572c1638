// Where an edition stands, derived from its windows (never stored, so it cannot drift).
// Client-safe: the server computes it with the database clock and sends the result.

export interface WindowedRound {
  id: string;
  position: number;
  kind: string;
  opensAt: Date | null;
  closesAt: Date | null;
}

export type Phase =
  { kind: "upcoming" } | { kind: "nominating" } | { kind: "round"; roundIds: string[] } | { kind: "between" } | { kind: "closed" };

export type StepState = "past" | "current" | "future";

const isOpen = (opensAt: Date | null, closesAt: Date | null, now: Date) =>
  opensAt !== null && opensAt <= now && (closesAt === null || now < closesAt);

export function nominationOpen(opensAt: Date | null, closesAt: Date | null, now: Date): boolean {
  return opensAt !== null && closesAt !== null && opensAt <= now && now < closesAt;
}

export function computePhase(
  edition: { nominationOpensAt: Date | null; nominationClosesAt: Date | null },
  rounds: WindowedRound[],
  now: Date,
): Phase {
  const active = rounds.filter((r) => isOpen(r.opensAt, r.closesAt, now));
  if (active.length) return { kind: "round", roundIds: active.map((r) => r.id) };
  if (nominationOpen(edition.nominationOpensAt, edition.nominationClosesAt, now)) return { kind: "nominating" };
  if (!edition.nominationOpensAt || now < edition.nominationOpensAt) return { kind: "upcoming" };
  const pending = rounds.some((r) => r.opensAt === null || r.opensAt > now);
  return pending ? { kind: "between" } : { kind: "closed" };
}

export function stepState(opensAt: Date | null, closesAt: Date | null, now: Date): StepState {
  if (isOpen(opensAt, closesAt, now)) return "current";
  if (closesAt !== null && closesAt <= now) return "past";
  return "future";
}
