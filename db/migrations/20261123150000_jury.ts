import { sql, type Kysely } from "kysely";

// Jury: invitations and members per edition (optionally limited to categories), weighted criteria
// per jury round (locked once the round opens), conflicts of interest and scores. The database
// refuses a score from a recused juror, outside the criterion's scale, or outside the round's window.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table round
    add column jury_visibility text not null default 'after_close' check (jury_visibility in ('never', 'after_own', 'after_close')),
    add column blind boolean not null default false,
    add column show_vote_position boolean not null default false,
    add column aggregation text not null default 'mean' check (aggregation in ('mean', 'median')),
    add column normalize boolean not null default false,
    add column min_scores smallint not null default 3 check (min_scores between 1 and 50)`.execute(db);

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

  await db.schema
    .createTable("jury_invite")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("edition_id", "uuid", (c) => c.notNull().references("edition.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull().check(sql`email = lower(email)`))
    .addColumn("category_ids", sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("accepted_at", "timestamptz")
    .addColumn("accepted_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("jury_invite_edition_idx").on("jury_invite").columns(["edition_id", "email"]).execute();

  await db.schema
    .createTable("jury_member")
    .addColumn("edition_id", "uuid", (c) => c.notNull().references("edition.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    // Empty: every category of the edition.
    .addColumn("category_ids", sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("jury_member_pk", ["edition_id", "user_id"])
    .execute();

  await db.schema
    .createTable("criterion")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("round_id", "uuid", (c) => c.notNull().references("round.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name_nl", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("description_nl", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("weight", "numeric(6, 3)", (c) => c.notNull().check(sql`weight > 0`))
    .addColumn("scale_min", "smallint", (c) => c.notNull())
    .addColumn("scale_max", "smallint", (c) => c.notNull())
    // Labelled anchors per value, e.g. {"0": "afwezig", "5": "uitmuntend"}.
    .addColumn("anchors", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("comment_below", "smallint")
    .addUniqueConstraint("criterion_round_position_key", ["round_id", "position"], (c) => c.deferrable().initiallyDeferred())
    .addCheckConstraint("criterion_scale", sql`scale_min >= 0 and scale_max > scale_min and scale_max <= 100`)
    .addCheckConstraint("criterion_comment_below", sql`comment_below is null or (comment_below > scale_min and comment_below <= scale_max)`)
    .execute();
  // Criteria lock with the round (DESIGN invariant 5).
  await sql`create function criterion_locked_after_open() returns trigger language plpgsql as $$
    declare
      opened boolean;
    begin
      select opens_at is not null and opens_at <= now() into opened from round where id = coalesce(new.round_id, old.round_id);
      if opened then
        raise exception 'the criteria of round % are locked', coalesce(new.round_id, old.round_id) using errcode = 'check_violation', constraint = 'criterion_locked';
      end if;
      return coalesce(new, old);
    end $$`.execute(db);
  await sql`create trigger criterion_locked before insert or update or delete on criterion
    for each row execute function criterion_locked_after_open()`.execute(db);

  await db.schema
    .createTable("jury_conflict")
    .addColumn("round_id", "uuid", (c) => c.notNull().references("round.id").onDelete("cascade"))
    .addColumn("juror_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("nominee_id", "uuid", (c) => c.notNull().references("nominee.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`char_length(reason) between 3 and 1000`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("jury_conflict_pk", ["round_id", "juror_id", "nominee_id"])
    .execute();

  await db.schema
    .createTable("jury_score")
    .addColumn("round_id", "uuid", (c) => c.notNull().references("round.id").onDelete("cascade"))
    .addColumn("juror_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("nominee_id", "uuid", (c) => c.notNull().references("nominee.id").onDelete("cascade"))
    .addColumn("criterion_id", "uuid", (c) => c.notNull().references("criterion.id").onDelete("cascade"))
    .addColumn("score", "smallint", (c) => c.notNull())
    .addColumn("comment", "text", (c) =>
      c
        .notNull()
        .defaultTo("")
        .check(sql`char_length(comment) <= 2000`),
    )
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("jury_score_pk", ["round_id", "juror_id", "nominee_id", "criterion_id"])
    .execute();
  await db.schema.createIndex("jury_score_nominee_idx").on("jury_score").columns(["round_id", "nominee_id"]).execute();
  await sql`create function jury_score_check() returns trigger language plpgsql as $$
    declare
      c record;
      r record;
    begin
      select * into c from criterion where id = new.criterion_id;
      if c.round_id <> new.round_id then
        raise exception 'criterion of another round' using errcode = 'check_violation', constraint = 'jury_score_criterion';
      end if;
      if new.score < c.scale_min or new.score > c.scale_max then
        raise exception 'score % outside %..%', new.score, c.scale_min, c.scale_max using errcode = 'check_violation', constraint = 'jury_score_scale';
      end if;
      if c.comment_below is not null and new.score < c.comment_below and btrim(new.comment) = '' then
        raise exception 'a comment is required below %', c.comment_below using errcode = 'check_violation', constraint = 'jury_score_comment';
      end if;
      -- Shares the lock a conflict declaration takes exclusively, then reads the conflicts with a fresh
      -- snapshot: a score and a declaration for the same juror and candidate never interleave.
      perform pg_advisory_xact_lock_shared(hashtext('jury:' || new.round_id || ':' || new.juror_id || ':' || new.nominee_id));
      if exists (select 1 from jury_conflict j where j.round_id = new.round_id and j.juror_id = new.juror_id and j.nominee_id = new.nominee_id) then
        raise exception 'juror is recused for this candidate' using errcode = 'check_violation', constraint = 'jury_score_recused';
      end if;
      -- Invariant 4: only jurors of this edition, within their categories, score a candidate.
      if not exists (
        select 1 from jury_member m join round rr on rr.edition_id = m.edition_id join nominee n on n.id = new.nominee_id
        where rr.id = new.round_id and m.user_id = new.juror_id and n.edition_id = rr.edition_id
          and (cardinality(m.category_ids) = 0 or n.category_id = any(m.category_ids))
      ) then
        raise exception 'not a juror for this candidate' using errcode = 'check_violation', constraint = 'jury_score_member';
      end if;
      select kind, opens_at, closes_at into r from round where id = new.round_id;
      if r.kind <> 'jury' then
        raise exception 'not a jury round' using errcode = 'check_violation', constraint = 'jury_score_window';
      end if;
      -- Importing a past edition judges the recorded updated_at instead of the clock (see ballot_check).
      if coalesce(current_setting('lauwer.archive_import', true), '') = 'on' then
        if r.opens_at is null or r.closes_at is null or new.updated_at < r.opens_at or new.updated_at >= r.closes_at then
          raise exception 'imported score outside the window' using errcode = 'check_violation', constraint = 'jury_score_window';
        end if;
      elsif r.opens_at is null or now() < r.opens_at or (r.closes_at is not null and now() >= r.closes_at) then
        raise exception 'jury round is not open' using errcode = 'check_violation', constraint = 'jury_score_window';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger jury_score_check before insert or update on jury_score
    for each row execute function jury_score_check()`.execute(db);
  // Declaring a conflict recuses at once: the juror's scores for that candidate go, whoever inserts it.
  await sql`create function jury_conflict_recuse() returns trigger language plpgsql as $$
    begin
      perform pg_advisory_xact_lock(hashtext('jury:' || new.round_id || ':' || new.juror_id || ':' || new.nominee_id));
      delete from jury_score s where s.round_id = new.round_id and s.juror_id = new.juror_id and s.nominee_id = new.nominee_id;
      return new;
    end $$`.execute(db);
  await sql`create trigger jury_conflict_recuse after insert on jury_conflict
    for each row execute function jury_conflict_recuse()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["jury_score", "jury_conflict", "criterion", "jury_member", "jury_invite"]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function if exists jury_score_check()`.execute(db);
  await sql`drop function if exists jury_conflict_recuse()`.execute(db);
  await sql`drop function if exists criterion_locked_after_open()`.execute(db);
  // The round trigger function of the voting migration, without the jury columns.
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
           or (new.closes_at is distinct from old.closes_at and (old.kind <> 'live_vote' or old.closes_at is not null)) then
          raise exception 'round % has opened and its procedure is locked', old.id using errcode = 'check_violation';
        end if;
      end if;
      return coalesce(new, old);
    end $$`.execute(db);
  await sql`alter table round drop column min_scores, drop column normalize, drop column aggregation,
    drop column show_vote_position, drop column blind, drop column jury_visibility`.execute(db);
}
