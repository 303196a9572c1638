import { sql, type Kysely } from "kysely";

// The incremental tally (ADR 0035). What a counted ballot contributes per candidate (votes, the sum of
// its ranks, first preferences) is kept in two tables:
// - tally_delta, an append-only log written by triggers in the same transaction as every change to
//   ballot_choice or to a ballot's voided state (no row is updated: concurrent ballots never wait on
//   each other here, and an uncommitted ballot's rows are simply invisible to everyone else);
// - tally_count, the log folded into one row per (round, category, candidate), written only by readers
//   (foldTally in app/modules/voting/tally.server.ts), which delete the log rows they fold in the same
//   statement that adds them up: a log row is folded by exactly one committed transaction.
// The tally = tally_count + the visible tally_delta rows, read in one statement (one snapshot).
// Ballots per category are the first preferences: a counted ballot has exactly one choice of rank 1
// (ranks are 1..n, checked at commit by ballot_check).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table tally_count (
    round_id uuid not null references round(id) on delete cascade,
    category_id uuid not null,
    nominee_id uuid not null,
    votes bigint not null,
    rank_sum bigint not null,
    firsts bigint not null,
    constraint tally_count_pk primary key (round_id, category_id, nominee_id)
  )`.execute(db);
  // No foreign key: a vote checks its round once already (ballot_round_fk). Rows of a deleted round are
  // removed by tally_round_deleted below.
  await sql`create table tally_delta (
    round_id uuid not null,
    category_id uuid not null,
    nominee_id uuid not null,
    votes integer not null,
    rank_sum integer not null,
    firsts integer not null
  )`.execute(db);
  await sql`create index tally_delta_round_idx on tally_delta (round_id)`.execute(db);

  // Choices inserted, deleted or updated: their contribution while their ballot counts (not voided).
  // Statement-level with transition tables: one insert per statement, not per row.
  await sql`create function tally_choice_added() returns trigger language plpgsql as $$
    begin
      insert into tally_delta (round_id, category_id, nominee_id, votes, rank_sum, firsts)
      select b.round_id, n.category_id, n.nominee_id, count(*), sum(n.rank), count(*) filter (where n.rank = 1)
      from tally_new n join ballot b on b.id = n.ballot_id and b.voided_at is null
      group by 1, 2, 3;
      return null;
    end $$`.execute(db);
  await sql`create function tally_choice_removed() returns trigger language plpgsql as $$
    begin
      -- A choice whose ballot is gone was accounted for by the ballot's delete (tally_ballot_deleted).
      insert into tally_delta (round_id, category_id, nominee_id, votes, rank_sum, firsts)
      select b.round_id, o.category_id, o.nominee_id, -count(*), -sum(o.rank), -count(*) filter (where o.rank = 1)
      from tally_old o join ballot b on b.id = o.ballot_id and b.voided_at is null
      group by 1, 2, 3;
      return null;
    end $$`.execute(db);
  await sql`create function tally_choice_changed() returns trigger language plpgsql as $$
    begin
      insert into tally_delta (round_id, category_id, nominee_id, votes, rank_sum, firsts)
      select b.round_id, x.category_id, x.nominee_id, sum(x.sign), sum(x.sign * x.rank), coalesce(sum(x.sign) filter (where x.rank = 1), 0)
      from (select ballot_id, category_id, nominee_id, rank, -1 as sign from tally_old
            union all select ballot_id, category_id, nominee_id, rank, 1 from tally_new) x
      join ballot b on b.id = x.ballot_id and b.voided_at is null
      group by 1, 2, 3;
      return null;
    end $$`.execute(db);
  await sql`create trigger tally_choice_insert after insert on ballot_choice
    referencing new table as tally_new for each statement execute function tally_choice_added()`.execute(db);
  await sql`create trigger tally_choice_delete after delete on ballot_choice
    referencing old table as tally_old for each statement execute function tally_choice_removed()`.execute(db);
  await sql`create trigger tally_choice_update after update on ballot_choice
    referencing old table as tally_old new table as tally_new for each statement execute function tally_choice_changed()`.execute(db);

  // A ballot voided (or, in general, moved between counted and not counted, or to another round): its
  // choices leave the old place and enter the new one. Fires only when one of those columns changes.
  await sql`create function tally_ballot_moved() returns trigger language plpgsql as $$
    begin
      if old.voided_at is null then
        insert into tally_delta (round_id, category_id, nominee_id, votes, rank_sum, firsts)
        select old.round_id, c.category_id, c.nominee_id, -1, -c.rank, -(c.rank = 1)::int from ballot_choice c where c.ballot_id = old.id;
      end if;
      if new.voided_at is null then
        insert into tally_delta (round_id, category_id, nominee_id, votes, rank_sum, firsts)
        select new.round_id, c.category_id, c.nominee_id, 1, c.rank, (c.rank = 1)::int from ballot_choice c where c.ballot_id = new.id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger tally_ballot_update after update of voided_at, round_id on ballot
    for each row when ((old.voided_at is null) is distinct from (new.voided_at is null) or old.round_id is distinct from new.round_id)
    execute function tally_ballot_moved()`.execute(db);

  // A ballot deleted: its choices still exist before the delete (they go with it by cascade, when the
  // ballot is already gone, so tally_choice_removed skips them). A whole round deleted needs nothing.
  await sql`create function tally_ballot_deleted() returns trigger language plpgsql as $$
    begin
      if old.voided_at is null and exists (select 1 from round where id = old.round_id) then
        insert into tally_delta (round_id, category_id, nominee_id, votes, rank_sum, firsts)
        select old.round_id, c.category_id, c.nominee_id, -1, -c.rank, -(c.rank = 1)::int from ballot_choice c where c.ballot_id = old.id;
      end if;
      return old;
    end $$`.execute(db);
  await sql`create trigger tally_ballot_delete before delete on ballot
    for each row execute function tally_ballot_deleted()`.execute(db);

  await sql`create function tally_round_deleted() returns trigger language plpgsql as $$
    begin
      delete from tally_delta where round_id = old.id;
      return null;
    end $$`.execute(db);
  await sql`create trigger tally_round_delete after delete on round
    for each row execute function tally_round_deleted()`.execute(db);

  // The ballots already cast, folded once. The triggers above exist first, so a ballot committing while
  // this runs waits for the lock they took (share row exclusive on ballot_choice and ballot).
  await sql`lock table ballot, ballot_choice in share row exclusive mode`.execute(db);
  await sql`insert into tally_count (round_id, category_id, nominee_id, votes, rank_sum, firsts)
    select b.round_id, c.category_id, c.nominee_id, count(*), sum(c.rank), count(*) filter (where c.rank = 1)
    from ballot_choice c join ballot b on b.id = c.ballot_id
    where b.voided_at is null
    group by 1, 2, 3`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists tally_round_delete on round`.execute(db);
  await sql`drop trigger if exists tally_ballot_delete on ballot`.execute(db);
  await sql`drop trigger if exists tally_ballot_update on ballot`.execute(db);
  await sql`drop trigger if exists tally_choice_update on ballot_choice`.execute(db);
  await sql`drop trigger if exists tally_choice_delete on ballot_choice`.execute(db);
  await sql`drop trigger if exists tally_choice_insert on ballot_choice`.execute(db);
  for (const f of [
    "tally_round_deleted",
    "tally_ballot_deleted",
    "tally_ballot_moved",
    "tally_choice_changed",
    "tally_choice_removed",
    "tally_choice_added",
  ])
    await sql`drop function if exists ${sql.raw(f)}()`.execute(db);
  await sql`drop table if exists tally_delta`.execute(db);
  await sql`drop table if exists tally_count`.execute(db);
}
