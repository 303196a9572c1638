import { sql, type Kysely } from "kysely";

// The fraud signals of a large round, kept (ADR 0038): computing them scans every ballot of the round
// (5 s at 1,000,000 ballots), too slow for the organizer's vote page on each view. One row per round,
// computed on the first view of a large round and refreshed by the minute job while the round is open,
// and once after it closes; voiding ballots removes it, so the next view computes it afresh.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table fraud_snapshot (
    round_id uuid primary key references round(id) on delete cascade,
    computed_at timestamptz not null,
    signals jsonb not null
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists fraud_snapshot`.execute(db);
}
