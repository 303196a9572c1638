import { sql, type Kysely } from "kysely";

// The metrics endpoint (ADR 0022) reads the outbox backlog on every scrape of every process: counts
// by status and the oldest mail not sent. This index holds only the mails not sent yet, so that read
// costs what the backlog is, not what the outbox ever held (one receipt per ballot).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index outbox_email_unsent_idx on outbox_email (created_at) where status <> 'sent'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index outbox_email_unsent_idx`.execute(db);
}
