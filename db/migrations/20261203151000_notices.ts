import { sql, type Kysely } from "kysely";

// Lifecycle notices (ADR 0013): the scheduler derives mails from the state of awards and the book and
// records each one it sent, or chose not to send, in `notice`. Its unique key (kind, subject,
// recipient) makes a notice exactly-once even when several processes run the tick at the same time.
// `notice_kind` remembers which kinds have had their first tick (which only records the history it
// finds, unmailed). `notice_recipient` keys the unsubscribe links; `notice_preference` holds a person's choices per topic, keyed by e-mail address
// so that a nominee without an account can stop mail too. The edition gains an optional ceremony and
// the number of days before a jury round closes that jurors with open sheets are reminded.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("edition")
    .addColumn("ceremony_at", "timestamptz")
    .addColumn("ceremony_place", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("jury_reminder_days", "integer", (c) => c.notNull().defaultTo(3))
    .execute();
  await sql`alter table edition add constraint edition_ceremony_place_len check (char_length(ceremony_place) <= 200)`.execute(db);
  await sql`alter table edition add constraint edition_jury_reminder_days_range check (jury_reminder_days between 0 and 30)`.execute(db);

  await db.schema.alterTable("outbox_email").addColumn("body_html", "text").addColumn("headers", "jsonb").execute();

  await db.schema
    .createTable("notice_kind")
    .addColumn("kind", "text", (c) => c.primaryKey())
    .addColumn("introduced_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("notice")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("edition_id", "uuid", (c) => c.references("edition.id").onDelete("cascade"))
    .addColumn("project_id", "uuid", (c) => c.references("book_project.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('sent', 'opted_out', 'history')`))
    .addColumn("outbox_id", "bigint")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("notice_recipient_lower", sql`recipient = lower(recipient)`)
    .addUniqueConstraint("notice_once", ["kind", "subject", "recipient"])
    .execute();
  await db.schema.createIndex("notice_edition_idx").on("notice").columns(["edition_id", "created_at"]).execute();
  await db.schema.createIndex("notice_project_idx").on("notice").columns(["project_id", "created_at"]).execute();

  // One key per address signs its unsubscribe links (HMAC of recipient id and topic): a link stops
  // one kind of mail for one person, and a forged or altered one matches nothing.
  await db.schema
    .createTable("notice_recipient")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("notice_recipient_email_lower", sql`email = lower(email)`)
    .execute();

  await db.schema
    .createTable("notice_preference")
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull().check(sql`topic in ('nominations', 'nominee', 'votes', 'results', 'jury', 'book')`))
    .addColumn("enabled", "boolean", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("notice_preference_email_lower", sql`email = lower(email)`)
    .addPrimaryKeyConstraint("notice_preference_pk", ["email", "topic"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("notice_preference").execute();
  await db.schema.dropTable("notice_recipient").execute();
  await db.schema.dropTable("notice").execute();
  await db.schema.dropTable("notice_kind").execute();
  await db.schema.alterTable("outbox_email").dropColumn("headers").dropColumn("body_html").execute();
  await db.schema.alterTable("edition").dropColumn("jury_reminder_days").dropColumn("ceremony_place").dropColumn("ceremony_at").execute();
}
