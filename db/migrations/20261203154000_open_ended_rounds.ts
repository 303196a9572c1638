import { sql, type Kysely } from "kysely";

// A round without a set end closes when the organizer closes it — of every kind, not only a live
// vote: a jury that has finished, an organizer selection that is done, a public vote that "closes at
// the ceremony". Still once, and never backwards: the end may go from none to a time no earlier than
// the closing transaction began, so no ballot or score already stored falls outside the window.
// Everything else of an opened round stays locked (DESIGN invariant 5).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create or replace function round_locked_after_open() returns trigger language plpgsql as $$
    declare
      may_change constant text[] := array['id', 'edition_id', 'name_nl', 'name_en', 'short_code',
        'results_published_at', 'revealed_at', 'advanced_at', 'closes_at'];
    begin
      if old.opens_at is not null and old.opens_at <= now() then
        if tg_op = 'DELETE' then
          raise exception 'round % has opened and cannot be removed', old.id using errcode = 'check_violation';
        end if;
        if lauwer_locked_part(to_jsonb(new), tg_relid, may_change) is distinct from lauwer_locked_part(to_jsonb(old), tg_relid, may_change)
           or (new.closes_at is distinct from old.closes_at and (old.closes_at is not null or new.closes_at is null or new.closes_at < now())) then
          raise exception 'round % has opened and its procedure is locked', old.id using errcode = 'check_violation';
        end if;
      end if;
      return coalesce(new, old);
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create or replace function round_locked_after_open() returns trigger language plpgsql as $$
    declare
      may_change constant text[] := array['id', 'edition_id', 'name_nl', 'name_en', 'short_code',
        'results_published_at', 'revealed_at', 'advanced_at', 'closes_at'];
    begin
      if old.opens_at is not null and old.opens_at <= now() then
        if tg_op = 'DELETE' then
          raise exception 'round % has opened and cannot be removed', old.id using errcode = 'check_violation';
        end if;
        if lauwer_locked_part(to_jsonb(new), tg_relid, may_change) is distinct from lauwer_locked_part(to_jsonb(old), tg_relid, may_change)
           or (new.closes_at is distinct from old.closes_at and (old.kind <> 'live_vote' or old.closes_at is not null)) then
          raise exception 'round % has opened and its procedure is locked', old.id using errcode = 'check_violation';
        end if;
      end if;
      return coalesce(new, old);
    end $$`.execute(db);
}
