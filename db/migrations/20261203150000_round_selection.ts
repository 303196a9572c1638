import { sql, type Kysely } from "kysely";

// Organizer selections, confirmed shortlists and rounds that wait for their source (#13).
//
// - An organizer-selection round keeps how many it picks per category in advance_k (a top-K round's
//   K; optional for an organizer round in the database so existing procedures stay valid, required
//   by the procedure form).
// - show_motivations: the selection's motivations are shown publicly, not only to the next jury.
// - lauwer_round_source(round) is candidateSource in SQL: the nearest earlier round that selects,
//   or null when the round starts from every candidate. lauwer_round_waiting(round) is true while
//   that source has not advanced or its shortlist is not confirmed (results_published_at).
// - An organizer round's advancement rows: at most advance_k per category, and locked (no insert,
//   update or delete) once a later round of the edition has opened. Erasure and retention may still
//   rewrite a reason.
// - A ballot (at commit) and a jury score are refused while their round waits for its source.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table round drop constraint round_advance_k`.execute(db);
  // As before, plus: an organizer round may carry its number.
  await sql`alter table round add constraint round_advance_k check (
    (advancement = 'top_k') = (advance_k is not null and advance_k >= 1)
    or (advancement = 'organizer' and advance_k >= 1))`.execute(db);
  await sql`alter table round add column show_motivations boolean not null default false`.execute(db);

  await sql`create function lauwer_round_source(p_round uuid) returns uuid language plpgsql stable as $$
    declare
      r record;
      prev record;
    begin
      select edition_id, position, source into r from round where id = p_round;
      if not found or r.source = 'all' then
        return null;
      end if;
      for prev in select id, advancement, source from round
          where edition_id = r.edition_id and position < r.position order by position desc loop
        if prev.advancement <> 'none' then
          return prev.id;
        end if;
        if prev.source = 'all' then
          return null;
        end if;
      end loop;
      return null;
    end $$`.execute(db);

  await sql`create function lauwer_round_waiting(p_round uuid) returns boolean language sql stable as $$
    select exists (select 1 from round s where s.id = lauwer_round_source(p_round)
      and (s.advanced_at is null or s.results_published_at is null))
  $$`.execute(db);

  await sql`create function round_selection_check() returns trigger language plpgsql as $$
    declare
      rid uuid := coalesce(new.round_id, old.round_id);
      r record;
      n integer;
    begin
      -- The round row lock serialises selections of one round, so the count below sees them all.
      select id, edition_id, position, advancement, advance_k into r from round where id = rid for update;
      if r.advancement <> 'organizer' then
        return coalesce(new, old);
      end if;
      if exists (select 1 from round l where l.edition_id = r.edition_id and l.position > r.position and l.opens_at <= now()) then
        raise exception 'the selection of round % is locked: a later round has opened', rid
          using errcode = 'check_violation', constraint = 'round_selection_locked';
      end if;
      if tg_op <> 'DELETE' then
        select count(*) into n from round_advancement where round_id = rid and category_id = new.category_id;
        if r.advance_k is null or n > r.advance_k then
          raise exception 'round % selects at most % per category', rid, r.advance_k
            using errcode = 'check_violation', constraint = 'round_selection_count';
        end if;
      end if;
      return coalesce(new, old);
    end $$`.execute(db);
  // AFTER, so the count includes the row itself and every row of the same statement before it.
  await sql`create trigger round_selection_check after insert or update or delete on round_advancement
    for each row when (not lauwer_privacy_mode()) execute function round_selection_check()`.execute(db);

  await sql`create function round_waiting_check() returns trigger language plpgsql as $$
    declare
      rid uuid;
    begin
      if tg_table_name = 'ballot' then
        if not exists (select 1 from ballot where id = new.id) then
          return null;
        end if;
      end if;
      rid := new.round_id;
      if lauwer_round_waiting(rid) then
        raise exception 'round % waits for the result of its source round', rid
          using errcode = 'check_violation', constraint = tg_table_name || '_round_waiting';
      end if;
      return case when tg_table_name = 'ballot' then null else new end;
    end $$`.execute(db);
  await sql`create constraint trigger ballot_round_waiting after insert on ballot
    deferrable initially deferred for each row execute function round_waiting_check()`.execute(db);
  await sql`create trigger jury_score_round_waiting before insert on jury_score
    for each row when (not lauwer_privacy_mode()) execute function round_waiting_check()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger jury_score_round_waiting on jury_score`.execute(db);
  await sql`drop trigger ballot_round_waiting on ballot`.execute(db);
  await sql`drop function round_waiting_check()`.execute(db);
  await sql`drop trigger round_selection_check on round_advancement`.execute(db);
  await sql`drop function round_selection_check()`.execute(db);
  await sql`drop function lauwer_round_waiting(uuid)`.execute(db);
  await sql`drop function lauwer_round_source(uuid)`.execute(db);
  await sql`alter table round drop column show_motivations`.execute(db);
  await sql`update round set advance_k = null where advancement = 'organizer'`.execute(db);
  await sql`alter table round drop constraint round_advance_k`.execute(db);
  await sql`alter table round add constraint round_advance_k check ((advancement = 'top_k') = (advance_k is not null and advance_k >= 1))`.execute(
    db,
  );
}
