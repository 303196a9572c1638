import { sql, type Kysely } from "kysely";

// Organizer screens (issue #14), held by the database:
// - a voided ballot stays voided: its void time and reason never change or clear again, so a vote
//   once voided is never counted (every tally reads `voided_at is null`);
// - a nomination may be removed (withdrawn by its nominator) only while its nominee is still
//   undecided in moderation: once approved, rejected or merged the nomination is part of the record.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create function ballot_void_is_final() returns trigger language plpgsql as $$
    begin
      if old.voided_at is not null and (new.voided_at is distinct from old.voided_at or new.void_reason is distinct from old.void_reason) then
        raise exception 'ballot % was voided; that cannot be undone', old.id using errcode = 'check_violation', constraint = 'ballot_void_final';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger ballot_void_final before update of voided_at, void_reason on ballot
    for each row execute function ballot_void_is_final()`.execute(db);

  await sql`create function nomination_withdraw_undecided() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from nominee n where n.id in (old.nominee_id, old.submitted_for_nominee_id) and n.status <> 'pending') then
        raise exception 'nomination % is decided and cannot be withdrawn', old.id using errcode = 'check_violation', constraint = 'nomination_decided';
      end if;
      return old;
    end $$`.execute(db);
  await sql`create trigger nomination_withdraw_undecided before delete on nomination
    for each row execute function nomination_withdraw_undecided()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists nomination_withdraw_undecided on nomination`.execute(db);
  await sql`drop function if exists nomination_withdraw_undecided()`.execute(db);
  await sql`drop trigger if exists ballot_void_final on ballot`.execute(db);
  await sql`drop function if exists ballot_void_is_final()`.execute(db);
}
