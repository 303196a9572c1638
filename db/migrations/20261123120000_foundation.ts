import { sql, type Kysely } from "kysely";

// Foundation: accounts, sessions, one-time tokens, scoped roles, append-only audit log,
// mail outbox, rate-limit counters, and the minimal award/edition/book-project rows
// that roles are scoped to (later migrations extend those tables).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("app_user")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("organisation", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) =>
      c
        .notNull()
        .defaultTo("nl")
        .check(sql`locale in ('nl', 'en')`),
    )
    .addColumn("email_verified_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("app_user_email_lower", sql`email = lower(email)`)
    .addCheckConstraint("app_user_name_len", sql`char_length(name) between 1 and 200`)
    .execute();
  await db.schema.createIndex("app_user_email_key").unique().on("app_user").column("email").execute();

  await db.schema
    .createTable("user_session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("absolute_expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("user_session_user_idx").on("user_session").column("user_id").execute();

  for (const table of ["email_verification_token", "password_reset_token"]) {
    await db.schema
      .createTable(table)
      .addColumn("token_hash", "text", (c) => c.primaryKey())
      .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
      .addColumn("expires_at", "timestamptz", (c) => c.notNull())
      .addColumn("used_at", "timestamptz")
      .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex(`${table}_user_idx`).on(table).column("user_id").execute();
  }

  await db.schema
    .createTable("award")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name_nl", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable("edition")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("award_id", "uuid", (c) => c.notNull().references("award.id").onDelete("restrict"))
    .addColumn("year", "integer", (c) => c.notNull().check(sql`year between 2000 and 2200`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("edition_award_year_key", ["award_id", "year"])
    .execute();
  await db.schema
    .createTable("book_project")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title_nl", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One row per grant. The scope column that must be set depends on the role, enforced here.
  await db.schema
    .createTable("role_grant")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('admin', 'organizer', 'jury', 'editor')`))
    .addColumn("award_id", "uuid", (c) => c.references("award.id").onDelete("cascade"))
    .addColumn("edition_id", "uuid", (c) => c.references("edition.id").onDelete("cascade"))
    .addColumn("book_project_id", "uuid", (c) => c.references("book_project.id").onDelete("cascade"))
    .addColumn("granted_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "role_grant_scope",
      sql`(role = 'admin' and award_id is null and edition_id is null and book_project_id is null)
       or (role = 'organizer' and award_id is not null and edition_id is null and book_project_id is null)
       or (role = 'jury' and edition_id is not null and award_id is null and book_project_id is null)
       or (role = 'editor' and book_project_id is not null and award_id is null and edition_id is null)`,
    )
    .execute();
  await sql`create unique index role_grant_unique on role_grant (user_id, role,
      coalesce(award_id, '00000000-0000-0000-0000-000000000000'::uuid),
      coalesce(edition_id, '00000000-0000-0000-0000-000000000000'::uuid),
      coalesce(book_project_id, '00000000-0000-0000-0000-000000000000'::uuid))`.execute(db);

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor_id", "uuid")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("before", "jsonb")
    .addColumn("after", "jsonb")
    .addColumn("ip", "text")
    .addColumn("request_id", "text")
    .execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").column("at").execute();
  await db.schema.createIndex("audit_log_actor_idx").on("audit_log").column("actor_id").execute();
  // Append-only: no role the app connects with may change or remove history.
  await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger audit_log_no_update_delete before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);

  await db.schema
    .createTable("outbox_email")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("template", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending', 'sending', 'sent', 'failed')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("locked_at", "timestamptz")
    .addColumn("sent_at", "timestamptz")
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index outbox_email_due_idx on outbox_email (next_attempt_at) where status = 'pending'`.execute(db);

  // Counters for rate-limiter-flexible's PostgreSQL store (its documented table shape).
  await db.schema
    .createTable("rate_limit")
    .addColumn("key", "varchar(255)", (c) => c.primaryKey())
    .addColumn("points", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expire", "bigint")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "rate_limit",
    "outbox_email",
    "audit_log",
    "role_grant",
    "book_project",
    "edition",
    "award",
    "password_reset_token",
    "email_verification_token",
    "user_session",
    "app_user",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function if exists audit_log_append_only()`.execute(db);
}
