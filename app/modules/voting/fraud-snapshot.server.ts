import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import { fraudSignals } from "./fraud.server";
import { LIVE_SIGNAL_BALLOTS, type Signal } from "./fraud-rules";

// A large round's fraud signals, kept (ADR 0038). `fraudSignals` scans every ballot of the round: fine
// for the thousands of ballots of most rounds, 5 s at 1,000,000. Up to LIVE_SIGNAL_BALLOTS counted
// ballots the organizer's page computes them on each view; above that it shows the round's snapshot and
// the time it was computed. The first view of a large round computes it (once across processes); the
// minute job refreshes each snapshot while its round is open and once after it closed; voiding ballots
// removes it, so the next view computes it afresh.

export interface RoundSignals {
  signals: Signal[];
  /** When the shown signals were computed; null when computed for this view. */
  computedAt: string | null;
  /** Another process is computing the round's first snapshot: nothing to show yet. */
  pending: boolean;
}

/** The signals the organizer's vote page shows for a round with `counted` counted ballots. */
export async function roundSignals(db: Db, roundId: string, counted: number, liveLimit = LIVE_SIGNAL_BALLOTS): Promise<RoundSignals> {
  if (counted <= liveLimit) return { signals: await fraudSignals(db, roundId), computedAt: null, pending: false };
  const kept = await readSnapshot(db, roundId);
  if (kept) return kept;
  if (!(await computeSnapshot(db, roundId))) return { signals: [], computedAt: null, pending: true };
  return (await readSnapshot(db, roundId)) ?? { signals: [], computedAt: null, pending: true };
}

async function readSnapshot(db: DbOrTrx, roundId: string): Promise<RoundSignals | null> {
  const row = await db.selectFrom("fraud_snapshot").select(["computed_at", "signals"]).where("round_id", "=", roundId).executeTakeFirst();
  return row ? { signals: row.signals as Signal[], computedAt: row.computed_at.toISOString(), pending: false } : null;
}

/**
 * Computes and stores the round's signals, unless another process is doing so (then false, at once:
 * nobody queues behind a 5-second scan). `due`, when given, is checked again under the lock, so a
 * snapshot another process just refreshed is not computed twice.
 */
async function computeSnapshot(db: Db, roundId: string, due?: (trx: DbOrTrx) => Promise<boolean>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      got: boolean;
    }>`select pg_try_advisory_xact_lock(hashtext('lauwer.signals:' || ${roundId}::text)) as got`.execute(trx);
    if (!rows[0]?.got) return false;
    if (due && !(await due(trx))) return false;
    const signals = await fraudSignals(trx, roundId);
    await sql`insert into fraud_snapshot (round_id, computed_at, signals)
      select ${roundId}::uuid, clock_timestamp(), ${JSON.stringify(signals)}::jsonb
      where exists (select 1 from round where id = ${roundId}::uuid)
      on conflict (round_id) do update set computed_at = excluded.computed_at, signals = excluded.signals`.execute(trx);
    return true;
  });
}

/**
 * The snapshots due: of a round that is open, older than `minAgeSeconds`; of a round that closed after
 * it was computed, at once (its final signals).
 */
const DUE = (minAgeSeconds: number) => sql<boolean>`(
  (r.opens_at <= now() and (r.closes_at is null or r.closes_at > now()) and s.computed_at < now() - make_interval(secs => ${minAgeSeconds}))
  or (r.closes_at <= now() and s.computed_at < r.closes_at))`;

/** The minute job: refreshes every snapshot due, each in one process. Returns how many it refreshed. */
export async function refreshSignalSnapshots(db: Db, minAgeSeconds = 30): Promise<number> {
  const due = await db
    .selectFrom("fraud_snapshot as s")
    .innerJoin("round as r", "r.id", "s.round_id")
    .select("s.round_id")
    .where(DUE(minAgeSeconds))
    .execute();
  let refreshed = 0;
  for (const { round_id } of due) {
    const still = async (trx: DbOrTrx) =>
      (await trx
        .selectFrom("fraud_snapshot as s")
        .innerJoin("round as r", "r.id", "s.round_id")
        .select("s.round_id")
        .where("s.round_id", "=", round_id)
        .where(DUE(minAgeSeconds))
        .executeTakeFirst()) !== undefined;
    if (await computeSnapshot(db, round_id, still)) refreshed++;
  }
  return refreshed;
}
