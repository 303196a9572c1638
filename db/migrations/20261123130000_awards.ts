import { sql, type Kysely } from "kysely";

// Awards: editions with categories and a procedure of rounds; nominees, nominations (and drafts),
// references, consent tokens. A nominee is a *candidate* once approved by organizers and consented.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists unaccent`.execute(db);
  // unaccent() is only STABLE; this wrapper names its dictionary so it may be IMMUTABLE and indexed.
  await sql`create function lauwer_fold(text) returns text language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`.execute(db);

  await db.schema
    .alterTable("award")
    .addColumn("description_nl", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_en", "text", (c) => c.notNull().defaultTo(""))
    .execute();

  await db.schema
    .alterTable("edition")
    .addColumn("description_nl", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("theme_nl", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("theme_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("criteria_nl", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("criteria_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("nominee_kind", "text", (c) =>
      c
        .notNull()
        .defaultTo("person")
        .check(sql`nominee_kind in ('person', 'organisation')`),
    )
    .addColumn("max_nominee_age", "integer", (c) => c.check(sql`max_nominee_age between 16 and 120`))
    .addColumn("nomination_opens_at", "timestamptz")
    .addColumn("nomination_closes_at", "timestamptz")
    .addColumn("nominations_per_member", "integer", (c) =>
      c
        .notNull()
        .defaultTo(3)
        .check(sql`nominations_per_member between 1 and 100`),
    )
    .execute();
  await sql`alter table edition add constraint edition_nomination_window
    check (nomination_closes_at is null or nomination_opens_at is null or nomination_closes_at > nomination_opens_at)`.execute(db);

  await db.schema
    .createTable("category")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("edition_id", "uuid", (c) => c.notNull().references("edition.id").onDelete("cascade"))
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("name_nl", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("category_edition_slug_key", ["edition_id", "slug"])
    .addUniqueConstraint("category_id_edition_key", ["id", "edition_id"])
    .execute();

  await db.schema
    .createTable("round")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("edition_id", "uuid", (c) => c.notNull().references("edition.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().check(sql`position >= 1`))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('public_vote', 'jury', 'organizer_selection', 'live_vote')`))
    .addColumn("name_nl", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("opens_at", "timestamptz")
    .addColumn("closes_at", "timestamptz")
    .addColumn("source", "text", (c) =>
      c
        .notNull()
        .defaultTo("previous")
        .check(sql`source in ('all', 'previous')`),
    )
    .addColumn("advancement", "text", (c) => c.notNull().check(sql`advancement in ('top_k', 'organizer', 'none')`))
    .addColumn("advance_k", "integer")
    .addColumn("settings", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addUniqueConstraint("round_edition_position_key", ["edition_id", "position"], (c) => c.deferrable().initiallyDeferred())
    .addCheckConstraint("round_window", sql`closes_at is null or opens_at is null or closes_at > opens_at`)
    .addCheckConstraint("round_advance_k", sql`(advancement = 'top_k') = (advance_k is not null and advance_k >= 1)`)
    .execute();
  // Voting rules lock once a round opens (DESIGN invariant 5): only a live vote may still be closed.
  await sql`create function round_locked_after_open() returns trigger language plpgsql as $$
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
  await sql`create trigger round_locked before update or delete on round
    for each row execute function round_locked_after_open()`.execute(db);

  await db.schema
    .createTable("nominee")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("edition_id", "uuid", (c) => c.notNull().references("edition.id").onDelete("cascade"))
    .addColumn("category_id", "uuid", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('person', 'organisation')`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("organisation", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contact_email", "text")
    .addColumn("age", "integer", (c) => c.check(sql`age between 14 and 120`))
    .addColumn("pitch", "text", (c) =>
      c
        .notNull()
        .defaultTo("")
        .check(sql`char_length(pitch) <= 140`),
    )
    .addColumn("story", "text", (c) =>
      c
        .notNull()
        .defaultTo("")
        .check(sql`char_length(story) <= 6000`),
    )
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending', 'approved', 'rejected', 'merged')`),
    )
    .addColumn("rejection_reason", "text")
    .addColumn("consent_status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`consent_status in ('pending', 'accepted', 'declined')`),
    )
    .addColumn("consent_at", "timestamptz")
    .addColumn("merged_into", "uuid", (c) => c.references("nominee.id"))
    .addColumn("redacted_at", "timestamptz")
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("nominee_id_edition_key", ["id", "edition_id"])
    .addForeignKeyConstraint("nominee_category_fk", ["category_id", "edition_id"], "category", ["id", "edition_id"])
    .addCheckConstraint("nominee_merged", sql`(status = 'merged') = (merged_into is not null)`)
    .execute();
  // A candidate is approved by organizers and consented by the nominee: the only nominees anyone may see publicly.
  await sql`alter table nominee add column is_candidate boolean generated always as (status = 'approved' and consent_status = 'accepted') stored`.execute(
    db,
  );
  await sql`create index nominee_name_trgm on nominee using gin (lauwer_fold(name) gin_trgm_ops)`.execute(db);
  await sql`create index nominee_edition_candidates on nominee (edition_id, category_id, name) where is_candidate`.execute(db);
  await db.schema.createIndex("nominee_edition_status").on("nominee").columns(["edition_id", "status"]).execute();

  await db.schema
    .createTable("nomination")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("edition_id", "uuid", (c) => c.notNull())
    .addColumn("nominee_id", "uuid", (c) => c.notNull())
    .addColumn("submitted_for_nominee_id", "uuid", (c) => c.notNull().references("nominee.id"))
    .addColumn("nominator_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("motivation", "text", (c) => c.notNull().check(sql`char_length(motivation) <= 5000`))
    .addColumn("video_url", "text")
    .addColumn("relation", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("anonymous_to_nominee", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("is_supporting", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint("nomination_nominee_fk", ["nominee_id", "edition_id"], "nominee", ["id", "edition_id"])
    // One nomination per member per nominee they nominated (merging keeps both, nothing is lost).
    .addUniqueConstraint("nomination_member_nominee_key", ["submitted_for_nominee_id", "nominator_id"])
    .execute();
  await db.schema.createIndex("nomination_nominee_idx").on("nomination").column("nominee_id").execute();
  await db.schema.createIndex("nomination_member_idx").on("nomination").columns(["nominator_id", "edition_id"]).execute();

  await db.schema
    .createTable("nomination_draft")
    .addColumn("edition_id", "uuid", (c) => c.notNull().references("edition.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("data", "jsonb", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("nomination_draft_pk", ["edition_id", "user_id"])
    .execute();

  await db.schema
    .createTable("nomination_reference")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("nomination_id", "uuid", (c) => c.notNull().references("nomination.id").onDelete("cascade"))
    .addColumn("position", "smallint", (c) => c.notNull().check(sql`position in (1, 2)`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("relation", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("statement", "text", (c) => c.check(sql`char_length(statement) <= 5000`))
    .addColumn("submitted_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("nomination_reference_position_key", ["nomination_id", "position"])
    .execute();

  await db.schema
    .createTable("nominee_consent_token")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("nominee_id", "uuid", (c) => c.notNull().references("nominee.id").onDelete("cascade"))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("nominee_consent_token_nominee_idx").on("nominee_consent_token").column("nominee_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["nominee_consent_token", "nomination_reference", "nomination_draft", "nomination", "nominee", "round", "category"]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function if exists round_locked_after_open()`.execute(db);
  await db.schema.alterTable("edition").dropConstraint("edition_nomination_window").execute();
  for (const column of [
    "description_nl",
    "description_en",
    "theme_nl",
    "theme_en",
    "criteria_nl",
    "criteria_en",
    "nominee_kind",
    "max_nominee_age",
    "nomination_opens_at",
    "nomination_closes_at",
    "nominations_per_member",
  ]) {
    await db.schema.alterTable("edition").dropColumn(column).execute();
  }
  await db.schema.alterTable("award").dropColumn("description_nl").dropColumn("description_en").execute();
  await sql`drop function if exists lauwer_fold(text)`.execute(db);
}
