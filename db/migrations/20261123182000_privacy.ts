import { sql, type Kysely } from "kysely";

// Privacy: erasure of a nominated person on request and retention per edition (DESIGN §4, ADR in the
// erasure/retention modules). Append-only history (audit_log, result_snapshot, ballot_revision) and
// the jury score rules get one narrow, transaction-local exception each:
// - `lauwer.erasure` (set_config(..., true), a JSON spec {ids, terms, name, mask}): an UPDATE of an
//   audit row or a results snapshot passes only when its new JSON is exactly lauwer_erase_jsonb(old)
//   and nothing else changed — the trigger recomputes it, so no other edit slips through;
// - `lauwer.retention` = 'on': a ballot revision may lose its IP address and device hash, nothing else;
// - under either, a jury score may lose its comment, nothing else (the score rules are not re-judged).
export async function up(db: Kysely<any>): Promise<void> {
  // Existing editions keep everything until an organizer chooses; new editions default to a year.
  await sql`alter table edition
    add column retention_days integer check (retention_days between 0 and 3650),
    add column anonymised_at timestamptz`.execute(db);
  await sql`alter table edition alter column retention_days set default 365`.execute(db);
  await sql`alter table nominee add column erased_at timestamptz`.execute(db);

  await sql`create function lauwer_erasure_spec() returns jsonb language sql stable as $$
    select nullif(current_setting('lauwer.erasure', true), '')::jsonb
  $$`.execute(db);
  await sql`create function lauwer_privacy_mode() returns boolean language sql stable as $$
    select coalesce(current_setting('lauwer.erasure', true), '') <> '' or coalesce(current_setting('lauwer.retention', true), '') = 'on'
  $$`.execute(db);

  // Every occurrence of every term (literal, case-insensitive, as a whole word: "Jan" is not erased
  // from "Januari") becomes the mask.
  await sql`create function lauwer_erase_text(t text, spec jsonb) returns text language plpgsql immutable as $$
    declare
      term text;
    begin
      if t is null or spec is null then return t; end if;
      for term in select jsonb_array_elements_text(spec->'terms') loop
        t := regexp_replace(t,
          '(?<![[:alnum:]_])' || regexp_replace(term, '([\\\\^$.|?*+()\\[\\]{}])', '\\\\\\1', 'g') || '(?![[:alnum:]_])',
          spec->>'mask', 'gi');
      end loop;
      return t;
    end $$`.execute(db);

  // Strings lose the terms; an object about an erased nominee (about = true, or an id/nominee key
  // naming one) also loses its name (→ the placeholder) and its personal fields (→ "").
  await sql`create function lauwer_erase_jsonb(j jsonb, spec jsonb, about boolean default false) returns jsonb
    language plpgsql immutable as $$
    declare
      result jsonb;
      is_about boolean;
    begin
      if j is null or spec is null then return j; end if;
      case jsonb_typeof(j)
        when 'string' then
          return to_jsonb(lauwer_erase_text(j #>> '{}', spec));
        when 'array' then
          select coalesce(jsonb_agg(lauwer_erase_jsonb(x.value, spec) order by x.ord), '[]'::jsonb) into result
            from jsonb_array_elements(j) with ordinality as x(value, ord);
          return result;
        when 'object' then
          is_about := about or exists (
            select 1 from jsonb_each_text(j) k
            where k.key in ('id', 'nominee', 'nomineeId', 'nominee_id') and k.value in (select jsonb_array_elements_text(spec->'ids')));
          select coalesce(jsonb_object_agg(k.key,
              case
                when is_about and k.key = 'name' and jsonb_typeof(k.value) = 'string' then to_jsonb(spec->>'name')
                when is_about and jsonb_typeof(k.value) = 'string' and k.key in ('organisation', 'reason', 'motivation', 'statement',
                  'comment', 'email', 'contact_email', 'contactEmail', 'pitch', 'story', 'video_url', 'videoUrl', 'relation')
                  then '""'::jsonb
                else lauwer_erase_jsonb(k.value, spec)
              end), '{}'::jsonb) into result
            from jsonb_each(j) k;
          return result;
        else
          return j;
      end case;
    end $$`.execute(db);

  await sql`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
    declare
      spec jsonb := lauwer_erasure_spec();
      about boolean;
    begin
      if tg_op = 'UPDATE' and spec is not null
         and new.id = old.id and new.at = old.at and new.actor_id is not distinct from old.actor_id
         and new.action = old.action and new.entity_type = old.entity_type and new.entity_id is not distinct from old.entity_id
         and new.ip is not distinct from old.ip and new.request_id is not distinct from old.request_id
         and new.award_id is not distinct from old.award_id and new.book_project_id is not distinct from old.book_project_id then
        about := old.entity_type = 'nominee' and old.entity_id in (select jsonb_array_elements_text(spec->'ids'));
        if new.before is not distinct from lauwer_erase_jsonb(old.before, spec, about)
           and new.after is not distinct from lauwer_erase_jsonb(old.after, spec, about) then
          return new;
        end if;
      end if;
      raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);

  // The new body must be the erased old body (as JSON; the bytes are canonical JSON written by the
  // app) — the sha256 check constraint then forces the matching hash.
  await sql`create or replace function result_snapshot_append_only() returns trigger language plpgsql as $$
    declare
      spec jsonb := lauwer_erasure_spec();
    begin
      if tg_op = 'UPDATE' and spec is not null
         and new.id = old.id and new.edition_id = old.edition_id and new.version = old.version
         and new.reason is not distinct from old.reason and new.published_by is not distinct from old.published_by
         and new.published_at = old.published_at
         and new.body::jsonb = lauwer_erase_jsonb(old.body::jsonb, spec) then
        return new;
      end if;
      raise exception 'result_snapshot is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);

  await sql`create or replace function ballot_revision_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and coalesce(current_setting('lauwer.retention', true), '') = 'on'
         and new.ballot_id = old.ballot_id and new.version = old.version and new.receipt_code = old.receipt_code
         and new.choices = old.choices and new.created_at = old.created_at
         and new.ip is null and new.device_hash is null then
        return new;
      end if;
      raise exception 'ballot_revision is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);

  // Jury scores: the rules trigger stays for every normal write; while erasing or anonymising, a
  // second trigger lets only the comment change.
  await sql`drop trigger jury_score_check on jury_score`.execute(db);
  await sql`create trigger jury_score_check before insert or update on jury_score
    for each row when (not lauwer_privacy_mode()) execute function jury_score_check()`.execute(db);
  await sql`create function jury_score_privacy_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and new.round_id = old.round_id and new.juror_id = old.juror_id and new.nominee_id = old.nominee_id
         and new.criterion_id = old.criterion_id and new.score = old.score and new.updated_at = old.updated_at then
        return new;
      end if;
      raise exception 'only a comment may be removed while erasing' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger jury_score_privacy before insert or update on jury_score
    for each row when (lauwer_privacy_mode()) execute function jury_score_privacy_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger jury_score_privacy on jury_score`.execute(db);
  await sql`drop function jury_score_privacy_only()`.execute(db);
  await sql`drop trigger jury_score_check on jury_score`.execute(db);
  await sql`create trigger jury_score_check before insert or update on jury_score
    for each row execute function jury_score_check()`.execute(db);
  await sql`create or replace function ballot_revision_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'ballot_revision is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create or replace function result_snapshot_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'result_snapshot is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`drop function lauwer_erase_jsonb(jsonb, jsonb, boolean)`.execute(db);
  await sql`drop function lauwer_erase_text(text, jsonb)`.execute(db);
  await sql`drop function lauwer_privacy_mode()`.execute(db);
  await sql`drop function lauwer_erasure_spec()`.execute(db);
  await sql`alter table nominee drop column erased_at`.execute(db);
  await sql`alter table edition drop column anonymised_at, drop column retention_days`.execute(db);
}
