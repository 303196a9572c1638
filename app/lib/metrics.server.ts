import type pg from "pg";
import { Counter, register } from "prom-client";

/*
 * What the app's own code reports to the Prometheus endpoint (server/metrics.ts, ADR 0022).
 * The app is bundled twice into one process (the Remix build and build/server.mjs), so module state
 * here is not shared between them: the counters live in prom-client's global registry (the package
 * is loaded once per process) and the pools in a process-wide set.
 */

export type BallotResult = "cast" | "changed" | "unchanged";
const BALLOT_RESULTS: BallotResult[] = ["cast", "changed", "unchanged"];
const BALLOTS = "lauwer_ballots_cast_total";

/** Ballots this process confirmed to a voter, by result; created once per process, each result from 0. */
export function ballotCounter(): Counter<"result"> {
  const existing = register.getSingleMetric(BALLOTS) as Counter<"result"> | undefined;
  if (existing) return existing;
  const counter = new Counter({
    name: BALLOTS,
    help: "Ballots this process confirmed to the voter: cast (first), changed (a new version), unchanged (the stored ballot sent again)",
    labelNames: ["result"] as const,
  });
  for (const result of BALLOT_RESULTS) counter.inc({ result }, 0);
  return counter;
}

/** Called where a ballot was confirmed (the voting service). */
export function countBallot(result: BallotResult): void {
  ballotCounter().inc({ result });
}

const POOLS = Symbol.for("lauwer.metrics.pools");
type PoolHolder = { [POOLS]?: Set<pg.Pool> };

/** Remembers a pg pool of this process, so the endpoint reports every pool, whichever bundle opened it. */
export function trackPool(pool: pg.Pool): void {
  ((globalThis as PoolHolder)[POOLS] ??= new Set()).add(pool);
}

export function untrackPool(pool: pg.Pool): void {
  (globalThis as PoolHolder)[POOLS]?.delete(pool);
}

export function trackedPools(): pg.Pool[] {
  return [...((globalThis as PoolHolder)[POOLS] ?? [])];
}
