import { CompiledQuery, sql } from "kysely";
import type { DbOrTrx } from "~/db.server";
import { logger } from "~/logger.server";

// The incremental tally (ADR 0035). Triggers append every change to the counted ballots to tally_delta
// in the ballot's own transaction (db/migrations/20261207010000_tally_cache.ts); readers fold that log
// into tally_count and read both in one statement. Exact by MVCC: a reader sees exactly the log rows of
// the transactions committed in its snapshot, and a log row is folded (deleted and added up) by exactly
// one committed transaction, so a ballot committing late — after a later one was folded — is simply
// folded by a later reader. No row is shared by concurrent ballots.

/** Counted choices of one candidate in a round: votes, the sum of their ranks, first preferences. */
export interface CandidateCount {
  category_id: string;
  nominee_id: string;
  votes: number;
  rank_sum: number;
  firsts: number;
}

/**
 * Moves a round's log rows into its counts: one statement, so the rows it deletes are the rows it adds.
 * Skipped (returns at once) while another session folds the same round: readers never queue on it.
 * Exported for the tests, which hold a fold open in their own transaction.
 */
export const FOLD_TALLY_SQL = `
  with lock as materialized (
    select pg_try_advisory_xact_lock(hashtext('lauwer.tally:' || $1::text)) as got
  ), moved as (
    delete from tally_delta where round_id = $1::uuid and (select got from lock)
    returning category_id, nominee_id, votes, rank_sum, firsts
  ), summed as (
    select category_id, nominee_id, sum(votes) as votes, sum(rank_sum) as rank_sum, sum(firsts) as firsts
    from moved group by category_id, nominee_id
  )
  insert into tally_count as t (round_id, category_id, nominee_id, votes, rank_sum, firsts)
  select $1::uuid, category_id, nominee_id, votes, rank_sum, firsts from summed
  where exists (select 1 from round where id = $1::uuid)
  on conflict (round_id, category_id, nominee_id) do update
    set votes = t.votes + excluded.votes, rank_sum = t.rank_sum + excluded.rank_sum, firsts = t.firsts + excluded.firsts`;

const isTransaction = (db: DbOrTrx) => "isTransaction" in db && db.isTransaction;

/**
 * Folds the round's log into its counts. Only outside a transaction: inside one (publishing runs in
 * REPEATABLE READ) deleting rows another session folded would fail that transaction; reading without
 * folding is just as exact there.
 */
export async function foldTally(db: DbOrTrx, roundId: string): Promise<void> {
  if (isTransaction(db)) return;
  try {
    await db.executeQuery(CompiledQuery.raw(FOLD_TALLY_SQL, [roundId]));
  } catch (error) {
    // The read that follows is exact without the fold (it adds the log up itself); a database that is
    // down fails that read instead.
    logger.warn({ err: error, roundId }, "tally fold failed");
  }
}

/** The round's counts per candidate: folded counts plus the log not folded yet, from one snapshot. */
export async function cachedCounts(db: DbOrTrx, roundId: string): Promise<CandidateCount[]> {
  await foldTally(db, roundId);
  const { rows } = await sql<CandidateCount>`
    select category_id, nominee_id, sum(votes)::int as votes, sum(rank_sum)::int as rank_sum, sum(firsts)::int as firsts
    from (
      select category_id, nominee_id, votes, rank_sum, firsts from tally_count where round_id = ${roundId}
      union all
      select category_id, nominee_id, votes, rank_sum, firsts from tally_delta where round_id = ${roundId}
    ) t
    group by category_id, nominee_id`.execute(db);
  return rows;
}

/** The same counts straight from the ballots: the reference the tests and the bench compare with. */
export async function recountedCounts(db: DbOrTrx, roundId: string): Promise<CandidateCount[]> {
  const { rows } = await sql<CandidateCount>`
    select c.category_id, c.nominee_id, count(*)::int as votes, sum(c.rank)::int as rank_sum,
      (count(*) filter (where c.rank = 1))::int as firsts
    from ballot_choice c join ballot b on b.id = c.ballot_id
    where b.round_id = ${roundId} and b.voided_at is null
    group by c.category_id, c.nominee_id`.execute(db);
  return rows;
}
