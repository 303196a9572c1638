import { sql, type Kysely } from "kysely";

// The key of a round's projector screen (ADR 0021): a link with it lets a computer without a session
// (the venue's beamer laptop) follow the round's stream from the organizer's reserved places, also
// before the vote opens. It shows nothing the public may not see; it only gives a place that strangers
// cannot take. One per round, made when the control room first shows it; kept in its own table so that
// copying a procedure to a new edition (which copies round rows) never copies a key, and the round's
// lock after opening is not involved.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table round_screen (
    round_id uuid primary key references round(id) on delete cascade,
    key text not null unique check (key ~ '^[A-Za-z0-9_-]{32,64}$'),
    created_at timestamptz not null default now()
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists round_screen`.execute(db);
}
