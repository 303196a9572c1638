import { sql, type Kysely } from "kysely";

// Deny by default: the trigger functions that lock a row (a round once it opened) or keep history
// append-only with a narrow exception (an erasure, retention, a manuscript being submitted, a writer
// whose account goes) no longer list the columns that must stay; they compare the whole row without
// the columns that may still change. A column added later is locked without restating the function.
// The columns that may change are exactly those the functions let change before, and the errors
// (SQLSTATE, message) are the same.
//
// lauwer_locked_part(row, table, may_change) is the row as JSON without those columns and without
// the table's generated columns: a BEFORE trigger sees those as null in NEW, and they follow their
// base columns, which are compared themselves.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create function lauwer_locked_part(r jsonb, rel oid, may_change text[]) returns jsonb language sql stable as $$
    select r - may_change - coalesce(
      (select array_agg(a.attname::text) from pg_attribute a
        where a.attrelid = rel and a.attnum > 0 and not a.attisdropped and a.attgenerated <> ''),
      '{}'::text[])
  $$`.execute(db);

  // Voting rules lock once a round opens (DESIGN invariant 5). Its names, its short code and
  // publishing, revealing and advancing stay possible; closes_at only to close a live vote that had
  // no end yet.
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

  // Under an erasure only before and after change, and only to their erased form.
  await sql`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
    declare
      spec jsonb := lauwer_erasure_spec();
      may_change constant text[] := array['before', 'after'];
      about boolean;
    begin
      if tg_op = 'UPDATE' and spec is not null then
        if lauwer_locked_part(to_jsonb(new), tg_relid, may_change) is not distinct from lauwer_locked_part(to_jsonb(old), tg_relid, may_change) then
          about := old.entity_type = 'nominee' and old.entity_id in (select jsonb_array_elements_text(spec->'ids'));
          if new.before is not distinct from lauwer_erase_jsonb(old.before, spec, about)
             and new.after is not distinct from lauwer_erase_jsonb(old.after, spec, about) then
            return new;
          end if;
        end if;
      end if;
      raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);

  // Under an erasure only the body changes, to its erased form (as JSON); the sha256 check
  // constraint then forces the matching hash.
  await sql`create or replace function result_snapshot_append_only() returns trigger language plpgsql as $$
    declare
      spec jsonb := lauwer_erasure_spec();
      may_change constant text[] := array['body', 'sha256'];
    begin
      if tg_op = 'UPDATE' and spec is not null then
        if lauwer_locked_part(to_jsonb(new), tg_relid, may_change) is not distinct from lauwer_locked_part(to_jsonb(old), tg_relid, may_change)
           and new.body::jsonb = lauwer_erase_jsonb(old.body::jsonb, spec) then
          return new;
        end if;
      end if;
      raise exception 'result_snapshot is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);

  // Under retention a revision only loses its IP address and device hash.
  await sql`create or replace function ballot_revision_append_only() returns trigger language plpgsql as $$
    declare
      may_change constant text[] := array['ip', 'device_hash'];
    begin
      if tg_op = 'UPDATE' and coalesce(current_setting('lauwer.retention', true), '') = 'on' then
        if lauwer_locked_part(to_jsonb(new), tg_relid, may_change) is not distinct from lauwer_locked_part(to_jsonb(old), tg_relid, may_change)
           and new.ip is null and new.device_hash is null then
          return new;
        end if;
      end if;
      raise exception 'ballot_revision is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);

  // While erasing or anonymising a jury score only loses its comment.
  await sql`create or replace function jury_score_privacy_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        if lauwer_locked_part(to_jsonb(new), tg_relid, array['comment']) is not distinct from lauwer_locked_part(to_jsonb(old), tg_relid, array['comment']) then
          return new;
        end if;
      end if;
      raise exception 'only a comment may be removed while erasing' using errcode = 'insufficient_privilege';
    end $$`.execute(db);

  // A version is marked submitted (false → true), or loses its writer when their account is deleted
  // (author_id → null, "on delete set null"); nothing else, never together.
  await sql`create or replace function book_version_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        if not old.submitted and new.submitted
           and lauwer_locked_part(to_jsonb(new), tg_relid, array['submitted']) is not distinct from lauwer_locked_part(to_jsonb(old), tg_relid, array['submitted']) then
          return new;
        end if;
        if old.author_id is not null and new.author_id is null
           and lauwer_locked_part(to_jsonb(new), tg_relid, array['author_id']) is not distinct from lauwer_locked_part(to_jsonb(old), tg_relid, array['author_id']) then
          return new;
        end if;
      end if;
      raise exception 'book_manuscript_version is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);

  // A comment only loses its writer when their account is deleted (author_id → null).
  await sql`create or replace function book_comment_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        if old.author_id is not null and new.author_id is null
           and lauwer_locked_part(to_jsonb(new), tg_relid, array['author_id']) is not distinct from lauwer_locked_part(to_jsonb(old), tg_relid, array['author_id']) then
          return new;
        end if;
      end if;
      raise exception 'book_manuscript_comment is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
}

// The definitions of the migrations that last listed the columns, as they were.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`create or replace function round_locked_after_open() returns trigger language plpgsql as $$
    begin
      if old.opens_at is not null and old.opens_at <= now() then
        if tg_op = 'DELETE' then
          raise exception 'round % has opened and cannot be removed', old.id using errcode = 'check_violation';
        end if;
        if new.kind is distinct from old.kind or new.position is distinct from old.position
           or new.source is distinct from old.source or new.advancement is distinct from old.advancement
           or new.advance_k is distinct from old.advance_k or new.settings is distinct from old.settings
           or new.opens_at is distinct from old.opens_at
           or new.ballot_mode is distinct from old.ballot_mode or new.max_choices is distinct from old.max_choices
           or new.allow_change is distinct from old.allow_change or new.show_live_totals is distinct from old.show_live_totals
           or new.eligibility is distinct from old.eligibility or new.eligible_domains is distinct from old.eligible_domains
           or new.tie_break is distinct from old.tie_break
           or new.jury_visibility is distinct from old.jury_visibility or new.blind is distinct from old.blind
           or new.show_vote_position is distinct from old.show_vote_position or new.aggregation is distinct from old.aggregation
           or new.normalize is distinct from old.normalize or new.min_scores is distinct from old.min_scores
           or (new.closes_at is distinct from old.closes_at and (old.kind <> 'live_vote' or old.closes_at is not null)) then
          raise exception 'round % has opened and its procedure is locked', old.id using errcode = 'check_violation';
        end if;
      end if;
      return coalesce(new, old);
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
  await sql`create or replace function jury_score_privacy_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and new.round_id = old.round_id and new.juror_id = old.juror_id and new.nominee_id = old.nominee_id
         and new.criterion_id = old.criterion_id and new.score = old.score and new.updated_at = old.updated_at then
        return new;
      end if;
      raise exception 'only a comment may be removed while erasing' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create or replace function book_version_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and not old.submitted and new.submitted
         and (new.id, new.proposal_id, new.version, new.author_id, new.body, new.word_count, new.created_at)
             is not distinct from (old.id, old.proposal_id, old.version, old.author_id, old.body, old.word_count, old.created_at) then
        return new;
      end if;
      if tg_op = 'UPDATE' and old.author_id is not null and new.author_id is null
         and (new.id, new.proposal_id, new.version, new.body, new.word_count, new.submitted, new.created_at)
             is not distinct from (old.id, old.proposal_id, old.version, old.body, old.word_count, old.submitted, old.created_at) then
        return new;
      end if;
      raise exception 'book_manuscript_version is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create or replace function book_comment_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.author_id is not null and new.author_id is null
         and (new.id, new.version_id, new.body, new.created_at) is not distinct from (old.id, old.version_id, old.body, old.created_at) then
        return new;
      end if;
      raise exception 'book_manuscript_comment is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`drop function lauwer_locked_part(jsonb, oid, text[])`.execute(db);
}
