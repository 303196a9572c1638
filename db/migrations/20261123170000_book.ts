import { sql, type Kysely } from "kysely";

// Portrait book: project settings and themes, proposals of historical civil servants with sources,
// endorsements and comments, author profiles, ranked claims, assignments (one author per portrait,
// at most an author's cap), versioned manuscripts with editorial comments.
// The database enforces: one endorsement per member per proposal, never more selected portraits
// than the target (the project row is locked while counting), one author per portrait, an author's
// cap, only selected proposals assigned, the manuscript status flow, and append-only versions.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table book_project
    add column description_nl text not null default '',
    add column description_en text not null default '',
    add column target_count integer not null default 100 check (target_count between 1 and 1000),
    add column period_from integer not null default 1814 check (period_from between 1500 and 2100),
    add column period_to integer not null default 2014 check (period_to between 1500 and 2100),
    add column words_min integer not null default 600 check (words_min between 50 and 20000),
    add column words_max integer not null default 900 check (words_max between 50 and 20000),
    add column proposals_close_at timestamptz,
    add column claims_close_at timestamptz,
    add column drafts_due_at timestamptz,
    add column final_due_at timestamptz,
    add constraint book_project_period check (period_from < period_to),
    add constraint book_project_words check (words_min <= words_max)`.execute(db);

  await db.schema
    .createTable("book_theme")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("project_id", "uuid", (c) => c.notNull().references("book_project.id").onDelete("cascade"))
    .addColumn("slug", "text", (c) => c.notNull().check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn("name_nl", "text", (c) => c.notNull().check(sql`length(name_nl) between 1 and 80`))
    .addColumn("name_en", "text", (c) => c.notNull().check(sql`length(name_en) between 1 and 80`))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("book_theme_slug_key", ["project_id", "slug"])
    .addUniqueConstraint("book_theme_project_id_key", ["project_id", "id"])
    .execute();

  await db.schema
    .createTable("book_proposal")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("project_id", "uuid", (c) => c.notNull().references("book_project.id").onDelete("cascade"))
    .addColumn("proposer_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("name", "text", (c) => c.notNull().check(sql`length(name) between 2 and 120`))
    .addColumn("birth_year", "integer", (c) => c.notNull().check(sql`birth_year between 1700 and 2010`))
    .addColumn("death_year", "integer")
    .addColumn("service_from", "integer", (c) => c.notNull())
    .addColumn("service_to", "integer", (c) => c.notNull())
    .addColumn("organisation", "text", (c) => c.notNull().check(sql`length(organisation) between 2 and 200`))
    .addColumn("role", "text", (c) => c.notNull().check(sql`length(role) between 2 and 200`))
    .addColumn("motivation", "text", (c) => c.notNull().check(sql`length(motivation) between 1 and 5000`))
    .addColumn("theme_id", "uuid", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("proposed")
        .check(sql`status in ('proposed', 'shortlisted', 'selected', 'rejected', 'merged')`),
    )
    .addColumn("rejection_reason", "text")
    .addColumn("merged_into_id", "uuid", (c) => c.references("book_proposal.id").onDelete("restrict"))
    .addColumn("status_changed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint("book_proposal_theme_fkey", ["project_id", "theme_id"], "book_theme", ["project_id", "id"], (fk) =>
      fk.onDelete("restrict"),
    )
    .addUniqueConstraint("book_proposal_project_id_key", ["project_id", "id"])
    .addCheckConstraint(
      "book_proposal_years",
      sql`(death_year is null or death_year between birth_year and birth_year + 115)
        and service_from >= birth_year + 12 and service_to >= service_from
        and (death_year is null or service_to <= death_year)`,
    )
    .addCheckConstraint("book_proposal_rejected_reason", sql`(status = 'rejected') = (rejection_reason is not null)`)
    .addCheckConstraint("book_proposal_merged_into", sql`(status = 'merged') = (merged_into_id is not null) and merged_into_id <> id`)
    .execute();
  await sql`create index book_proposal_name_trgm on book_proposal using gin (lauwer_fold(name) gin_trgm_ops)`.execute(db);
  await sql`create index book_proposal_list_idx on book_proposal (project_id, status, created_at desc)`.execute(db);

  await db.schema
    .createTable("book_source")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("proposal_id", "uuid", (c) => c.notNull().references("book_proposal.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull().check(sql`length(title) between 2 and 300`))
    .addColumn("url", "text", (c) => c.notNull().check(sql`url ~ '^https://[^\\s]+$' and length(url) <= 2000`))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`create index book_source_proposal_idx on book_source (proposal_id, position)`.execute(db);

  await db.schema
    .createTable("book_endorsement")
    .addColumn("proposal_id", "uuid", (c) => c.notNull().references("book_proposal.id").onDelete("restrict"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("book_endorsement_pkey", ["proposal_id", "user_id"])
    .execute();
  await sql`create index book_endorsement_user_idx on book_endorsement (user_id)`.execute(db);

  await db.schema
    .createTable("book_comment")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("proposal_id", "uuid", (c) => c.notNull().references("book_proposal.id").onDelete("restrict"))
    .addColumn("author_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull().check(sql`length(body) between 1 and 2000`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index book_comment_proposal_idx on book_comment (proposal_id, created_at)`.execute(db);

  await db.schema
    .createTable("book_author")
    .addColumn("project_id", "uuid", (c) => c.notNull().references("book_project.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("bio", "text", (c) => c.notNull().check(sql`length(bio) between 1 and 1500`))
    .addColumn("theme_ids", sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("period_from", "integer")
    .addColumn("period_to", "integer")
    .addColumn("writing_url", "text", (c) => c.check(sql`writing_url ~ '^https://[^\\s]+$' and length(writing_url) <= 2000`))
    .addColumn("capacity", "integer", (c) => c.notNull().check(sql`capacity between 1 and 3`))
    .addColumn("availability", "text", (c) =>
      c
        .notNull()
        .defaultTo("")
        .check(sql`length(availability) <= 500`),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("book_author_pkey", ["project_id", "user_id"])
    .addCheckConstraint("book_author_period", sql`period_from is null or period_to is null or period_from <= period_to`)
    .execute();

  await db.schema
    .createTable("book_claim")
    .addColumn("project_id", "uuid", (c) => c.notNull())
    .addColumn("proposal_id", "uuid", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.notNull())
    .addColumn("rank", "integer", (c) => c.notNull().check(sql`rank between 1 and 3`))
    .addColumn("motivation", "text", (c) => c.notNull().check(sql`length(motivation) between 1 and 1000`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("book_claim_pkey", ["proposal_id", "user_id"])
    .addUniqueConstraint("book_claim_rank_key", ["project_id", "user_id", "rank"])
    .addForeignKeyConstraint("book_claim_author_fkey", ["project_id", "user_id"], "book_author", ["project_id", "user_id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .addForeignKeyConstraint("book_claim_proposal_fkey", ["project_id", "proposal_id"], "book_proposal", ["project_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();

  // The portrait: one row per selected proposal that has an author (primary key = one author per portrait).
  await db.schema
    .createTable("book_assignment")
    .addColumn("proposal_id", "uuid", (c) => c.primaryKey())
    .addColumn("project_id", "uuid", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("assigned")
        .check(sql`status in ('assigned', 'submitted', 'in_edit', 'returned', 'final')`),
    )
    .addColumn("due_at", "timestamptz")
    .addColumn("published_at", "timestamptz")
    .addColumn("assigned_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("assigned_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("status_changed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("reminded_at", "timestamptz")
    .addForeignKeyConstraint("book_assignment_author_fkey", ["project_id", "user_id"], "book_author", ["project_id", "user_id"], (fk) =>
      fk.onDelete("restrict"),
    )
    .addForeignKeyConstraint("book_assignment_proposal_fkey", ["project_id", "proposal_id"], "book_proposal", ["project_id", "id"], (fk) =>
      fk.onDelete("restrict"),
    )
    .addCheckConstraint("book_assignment_published_final", sql`published_at is null or status = 'final'`)
    .execute();
  await sql`create index book_assignment_author_idx on book_assignment (project_id, user_id)`.execute(db);

  await db.schema
    .createTable("book_manuscript_version")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("proposal_id", "uuid", (c) => c.notNull().references("book_assignment.proposal_id").onDelete("restrict"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version >= 1`))
    .addColumn("author_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull().check(sql`length(body) <= 100000`))
    .addColumn("word_count", "integer", (c) => c.notNull().check(sql`word_count >= 0`))
    .addColumn("submitted", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("book_manuscript_version_key", ["proposal_id", "version"])
    .execute();

  await db.schema
    .createTable("book_manuscript_comment")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("version_id", "uuid", (c) => c.notNull().references("book_manuscript_version.id").onDelete("restrict"))
    .addColumn("author_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull().check(sql`length(body) between 1 and 5000`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index book_manuscript_comment_version_idx on book_manuscript_comment (version_id, created_at)`.execute(db);

  // Selection target: the project row is locked while counting, so parallel selections queue and
  // the last one over the target fails. Deselecting a portrait that has an author is refused.
  await sql`create function book_proposal_check() returns trigger language plpgsql as $$
    declare
      target integer;
      selected integer;
    begin
      if new.status = 'selected' and (tg_op = 'INSERT' or old.status is distinct from 'selected') then
        select target_count into target from book_project where id = new.project_id for update;
        select count(*) into selected from book_proposal where project_id = new.project_id and status = 'selected' and id <> new.id;
        if selected >= target then
          raise exception 'book project % already has % selected portraits', new.project_id, target
            using errcode = 'check_violation', constraint = 'book_selection_target';
        end if;
      end if;
      if tg_op = 'UPDATE' and old.status = 'selected' and new.status <> 'selected'
         and exists (select 1 from book_assignment where proposal_id = old.id) then
        raise exception 'proposal % has an author and stays selected', old.id
          using errcode = 'check_violation', constraint = 'book_selection_assigned';
      end if;
      if tg_op = 'UPDATE' and new.status is distinct from old.status then
        new.status_changed_at := now();
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger book_proposal_check before insert or update on book_proposal
    for each row execute function book_proposal_check()`.execute(db);

  // Lowering the target below the number already selected is refused as well.
  await sql`create function book_project_target_check() returns trigger language plpgsql as $$
    begin
      if new.target_count < (select count(*) from book_proposal where project_id = new.id and status = 'selected') then
        raise exception 'target below the number of selected portraits'
          using errcode = 'check_violation', constraint = 'book_selection_target';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger book_project_target_check before update of target_count on book_project
    for each row execute function book_project_target_check()`.execute(db);

  // Assignment: only selected proposals; the author's row is locked while counting against the cap.
  // The proposal is share-locked while its status is read, so a deselection in progress is waited
  // for (and then refuses this), and a deselection that comes later waits and sees the author.
  await sql`create function book_assignment_check() returns trigger language plpgsql as $$
    declare
      cap integer;
      taken integer;
      proposal_status text;
    begin
      if tg_op = 'INSERT' or new.user_id is distinct from old.user_id then
        select status into proposal_status from book_proposal where id = new.proposal_id for share;
        if proposal_status is distinct from 'selected' then
          raise exception 'proposal % is not selected', new.proposal_id
            using errcode = 'check_violation', constraint = 'book_assignment_selected';
        end if;
        select capacity into cap from book_author where project_id = new.project_id and user_id = new.user_id for update;
        select count(*) into taken from book_assignment
          where project_id = new.project_id and user_id = new.user_id and proposal_id <> new.proposal_id;
        if taken >= cap then
          raise exception 'author % already has % portraits', new.user_id, cap
            using errcode = 'check_violation', constraint = 'book_author_cap';
        end if;
      end if;
      if tg_op = 'UPDATE' and new.status is distinct from old.status then
        if not (
          (old.status = 'assigned' and new.status = 'submitted')
          or (old.status = 'returned' and new.status = 'submitted')
          or (old.status = 'submitted' and new.status in ('in_edit', 'returned', 'final'))
          or (old.status = 'in_edit' and new.status in ('returned', 'final'))
          or (old.status = 'final' and new.status = 'in_edit' and new.published_at is null)
        ) then
          raise exception 'manuscript status cannot go from % to %', old.status, new.status
            using errcode = 'check_violation', constraint = 'book_manuscript_flow';
        end if;
        new.status_changed_at := now();
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger book_assignment_check before insert or update on book_assignment
    for each row execute function book_assignment_check()`.execute(db);

  // A lower cap than the portraits an author already has is refused (same lock order: author row).
  await sql`create function book_author_cap_check() returns trigger language plpgsql as $$
    begin
      if new.capacity < (select count(*) from book_assignment where project_id = new.project_id and user_id = new.user_id) then
        raise exception 'capacity below assigned portraits'
          using errcode = 'check_violation', constraint = 'book_author_cap';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger book_author_cap_check before update of capacity on book_author
    for each row execute function book_author_cap_check()`.execute(db);

  // Manuscript versions and editorial comments are history: never changed or removed.
  await sql`create function book_history_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only', tg_table_name using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  // The changes a version allows: being marked submitted (false → true), and losing its writer when
  // their account is deleted (author_id → null, "on delete set null"); nothing else, never together.
  await sql`create function book_version_append_only() returns trigger language plpgsql as $$
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
  // A comment only loses its writer when their account is deleted (author_id → null).
  await sql`create function book_comment_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.author_id is not null and new.author_id is null
         and (new.id, new.version_id, new.body, new.created_at) is not distinct from (old.id, old.version_id, old.body, old.created_at) then
        return new;
      end if;
      raise exception 'book_manuscript_comment is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger book_manuscript_version_append_only before update or delete on book_manuscript_version
    for each row execute function book_version_append_only()`.execute(db);
  await sql`create trigger book_manuscript_version_no_truncate before truncate on book_manuscript_version
    for each statement execute function book_history_append_only()`.execute(db);
  await sql`create trigger book_manuscript_comment_append_only before update or delete on book_manuscript_comment
    for each row execute function book_comment_append_only()`.execute(db);
  await sql`create trigger book_manuscript_comment_no_truncate before truncate on book_manuscript_comment
    for each statement execute function book_history_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "book_manuscript_comment",
    "book_manuscript_version",
    "book_assignment",
    "book_claim",
    "book_author",
    "book_comment",
    "book_endorsement",
    "book_source",
    "book_proposal",
    "book_theme",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function book_comment_append_only()`.execute(db);
  await sql`drop function book_version_append_only()`.execute(db);
  await sql`drop function book_history_append_only()`.execute(db);
  await sql`drop function book_author_cap_check()`.execute(db);
  await sql`drop function book_assignment_check()`.execute(db);
  await sql`drop trigger book_project_target_check on book_project`.execute(db);
  await sql`drop function book_project_target_check()`.execute(db);
  await sql`drop function book_proposal_check()`.execute(db);
  await sql`alter table book_project
    drop constraint book_project_period, drop constraint book_project_words,
    drop column description_nl, drop column description_en, drop column target_count,
    drop column period_from, drop column period_to, drop column words_min, drop column words_max,
    drop column proposals_close_at, drop column claims_close_at, drop column drafts_due_at, drop column final_due_at`.execute(db);
}
