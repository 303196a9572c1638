import { sql, type Kysely } from "kysely";

// Voting: the rules of public and live vote rounds, ballots (one per voter per round per category),
// their choices and append-only revision history with receipt codes, invite lists, advancement.
// The database enforces the invariants (DESIGN §3.1–3.5), not only the code:
// - unique (round_id, category_id, voter_id) on ballot;
// - a chosen nominee belongs to the ballot's category (composite foreign keys);
// - the number and ranks of choices respect the round (deferred constraint trigger at commit);
// - a ballot counts only if it commits while the round is open by the database clock
//   (clock_timestamp() in the same deferred trigger, i.e. the commit instant counts; ADR 0005);
// - voting rules lock once the round opens (the round trigger, extended below).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table round
    add column ballot_mode text not null default 'single' check (ballot_mode in ('single', 'approval', 'ranked')),
    add column max_choices smallint not null default 1 check (max_choices between 1 and 20),
    add column allow_change boolean not null default false,
    add column show_live_totals boolean not null default false,
    add column eligibility text not null default 'verified' check (eligibility in ('verified', 'domains', 'invite')),
    add column eligible_domains text[] not null default '{}',
    add column tie_break text not null default 'include_all' check (tie_break in ('include_all', 'organizer', 'first_preferences')),
    add column short_code text unique check (short_code ~ '^[A-Z0-9]{4,12}$'),
    add column results_published_at timestamptz,
    add column revealed_at timestamptz,
    add column advanced_at timestamptz,
    add constraint round_single_choice check (ballot_mode <> 'single' or max_choices = 1),
    add constraint round_domains check (eligibility <> 'domains' or cardinality(eligible_domains) > 0),
    add constraint round_id_edition_key unique (id, edition_id)`.execute(db);

  // The lock now covers the voting rules too; publishing, revealing and advancing stay possible.
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

  await sql`alter table nominee add constraint nominee_id_category_key unique (id, category_id)`.execute(db);

  await db.schema
    .createTable("ballot")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("round_id", "uuid", (c) => c.notNull())
    .addColumn("edition_id", "uuid", (c) => c.notNull())
    .addColumn("category_id", "uuid", (c) => c.notNull())
    .addColumn("voter_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("version", "integer", (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`version >= 1`),
    )
    .addColumn("receipt_code", "text", (c) => c.notNull().unique())
    .addColumn("ip", sql`inet`)
    .addColumn("device_hash", "text")
    .addColumn("cast_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("voided_at", "timestamptz")
    .addColumn("void_reason", "text")
    .addColumn("voided_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addForeignKeyConstraint("ballot_round_fk", ["round_id", "edition_id"], "round", ["id", "edition_id"], (c) => c.onDelete("cascade"))
    .addForeignKeyConstraint("ballot_category_fk", ["category_id", "edition_id"], "category", ["id", "edition_id"])
    // One person, one vote: at most one ballot per voter per round per category (DESIGN §3.1).
    .addUniqueConstraint("ballot_one_per_voter", ["round_id", "category_id", "voter_id"])
    .addUniqueConstraint("ballot_id_category_key", ["id", "category_id"])
    .addCheckConstraint("ballot_void_reason", sql`(voided_at is null) = (void_reason is null)`)
    .execute();
  await db.schema.createIndex("ballot_round_cast_idx").on("ballot").columns(["round_id", "cast_at"]).execute();
  await db.schema.createIndex("ballot_voter_idx").on("ballot").column("voter_id").execute();

  await db.schema
    .createTable("ballot_choice")
    .addColumn("ballot_id", "uuid", (c) => c.notNull())
    .addColumn("category_id", "uuid", (c) => c.notNull())
    .addColumn("nominee_id", "uuid", (c) => c.notNull())
    .addColumn("rank", "smallint", (c) => c.notNull().check(sql`rank between 1 and 20`))
    .addPrimaryKeyConstraint("ballot_choice_pk", ["ballot_id", "nominee_id"])
    .addUniqueConstraint("ballot_choice_rank_key", ["ballot_id", "rank"])
    .addForeignKeyConstraint("ballot_choice_ballot_fk", ["ballot_id", "category_id"], "ballot", ["id", "category_id"], (c) =>
      c.onDelete("cascade"),
    )
    .addForeignKeyConstraint("ballot_choice_nominee_fk", ["nominee_id", "category_id"], "nominee", ["id", "category_id"])
    .execute();
  await db.schema.createIndex("ballot_choice_nominee_idx").on("ballot_choice").columns(["nominee_id", "rank"]).execute();

  // Every cast and every change, kept (never overwritten silently): the ballot row holds the version that counts.
  await db.schema
    .createTable("ballot_revision")
    // No cascade: a ballot with history cannot be deleted (voiding keeps it, excluded from tallies).
    .addColumn("ballot_id", "uuid", (c) => c.notNull().references("ballot.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("receipt_code", "text", (c) => c.notNull().unique())
    .addColumn("choices", sql`uuid[]`, (c) => c.notNull())
    .addColumn("ip", sql`inet`)
    .addColumn("device_hash", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("ballot_revision_pk", ["ballot_id", "version"])
    .execute();
  await sql`create function ballot_revision_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'ballot_revision is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger ballot_revision_no_update before update or delete on ballot_revision
    for each row execute function ballot_revision_append_only()`.execute(db);
  await sql`create trigger ballot_revision_no_truncate before truncate on ballot_revision
    for each statement execute function ballot_revision_append_only()`.execute(db);

  // Checked at commit, after all choices of the statement or transaction exist.
  await sql`create function ballot_check() returns trigger language plpgsql as $$
    declare
      r record;
      n integer;
      top integer;
      current_ballot record;
      the_id uuid;
    begin
      -- Fired for a ballot (its id) or for one of its choices (their ballot_id).
      if tg_table_name = 'ballot' then the_id := new.id; else the_id := coalesce(new.ballot_id, old.ballot_id); end if;
      select * into current_ballot from ballot where id = the_id;
      if not found then
        return null; -- removed in the same transaction
      end if;
      if current_ballot.voided_at is not null then
        raise exception 'ballot was voided' using errcode = 'check_violation', constraint = 'ballot_voided';
      end if;
      select kind, ballot_mode, max_choices, opens_at, closes_at into r from round where id = current_ballot.round_id;
      if r.kind not in ('public_vote', 'live_vote') then
        raise exception 'round is not a vote' using errcode = 'check_violation', constraint = 'ballot_round_kind';
      end if;
      -- Importing a past edition (lauwer.archive_import = on, set per transaction by the import)
      -- judges the recorded cast_at instead of the clock; it must still lie within the window.
      if coalesce(current_setting('lauwer.archive_import', true), '') = 'on' then
        if r.opens_at is null or r.closes_at is null or current_ballot.cast_at < r.opens_at or current_ballot.cast_at >= r.closes_at then
          raise exception 'imported ballot outside the window' using errcode = 'check_violation', constraint = 'ballot_window';
        end if;
      elsif r.opens_at is null or clock_timestamp() < r.opens_at or (r.closes_at is not null and clock_timestamp() >= r.closes_at) then
        raise exception 'round is closed' using errcode = 'check_violation', constraint = 'ballot_window';
      end if;
      select count(*), coalesce(max(rank), 0) into n, top from ballot_choice where ballot_id = the_id;
      if n < 1 or n > r.max_choices or top <> n then
        raise exception 'ballot has % choices, allowed 1..%', n, r.max_choices using errcode = 'check_violation', constraint = 'ballot_choices';
      end if;
      return null;
    end $$`.execute(db);
  await sql`create constraint trigger ballot_check after insert or update of version on ballot
    deferrable initially deferred for each row execute function ballot_check()`.execute(db);
  // Choices written on their own are checked the same way (window, count, ranks) at commit.
  await sql`create constraint trigger ballot_choice_check after insert or update or delete on ballot_choice
    deferrable initially deferred for each row execute function ballot_check()`.execute(db);

  await db.schema
    .createTable("round_invite")
    .addColumn("round_id", "uuid", (c) => c.notNull().references("round.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull().check(sql`email = lower(email)`))
    .addColumn("invited_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("round_invite_pk", ["round_id", "email"])
    .execute();

  // Who advanced from a round to the next: by the round's rule, by its tie rule, or chosen by organizers.
  await db.schema
    .createTable("round_advancement")
    .addColumn("round_id", "uuid", (c) => c.notNull().references("round.id").onDelete("cascade"))
    .addColumn("nominee_id", "uuid", (c) => c.notNull().references("nominee.id"))
    .addColumn("category_id", "uuid", (c) => c.notNull())
    .addColumn("place", "integer")
    .addColumn("score", "integer")
    .addColumn("decided_by", "text", (c) => c.notNull().check(sql`decided_by in ('rule', 'tie_rule', 'organizer')`))
    .addColumn("reason", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("round_advancement_pk", ["round_id", "nominee_id"])
    .addForeignKeyConstraint("round_advancement_nominee_fk", ["nominee_id", "category_id"], "nominee", ["id", "category_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["round_advancement", "round_invite", "ballot_revision", "ballot_choice", "ballot"]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function if exists ballot_check()`.execute(db);
  await sql`drop function if exists ballot_revision_append_only()`.execute(db);
  await sql`alter table nominee drop constraint nominee_id_category_key`.execute(db);
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
           or (new.closes_at is distinct from old.closes_at and old.kind <> 'live_vote') then
          raise exception 'round % has opened and its procedure is locked', old.id using errcode = 'check_violation';
        end if;
      end if;
      return coalesce(new, old);
    end $$`.execute(db);
  await sql`alter table round
    drop constraint round_id_edition_key, drop constraint round_domains, drop constraint round_single_choice,
    drop column advanced_at, drop column revealed_at, drop column results_published_at, drop column short_code,
    drop column tie_break, drop column eligible_domains, drop column eligibility, drop column show_live_totals,
    drop column allow_change, drop column max_choices, drop column ballot_mode`.execute(db);
}
