import { sql, type Kysely } from "kysely";

// A consent decline removes the nominee's data at once (redaction and a sweep of mails, drafts and the
// audit log), and a backup taken before it still holds them: the erasure log now records declines too,
// as `nominee.decline` with the declined nominee and the duplicates merged into it, so that a restore
// applies the decline again (ADR 0043). A decline is not an erasure everywhere: re-applying one redacts
// those nominees only.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table erasure_log drop constraint erasure_log_action_check`.execute(db);
  await sql`alter table erasure_log add constraint erasure_log_action_check
    check (action in ('person.erase', 'nominee.erase', 'nominee.decline'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // The log is append-only: entries of declines stay, so the old check comes back for new rows only.
  await sql`alter table erasure_log drop constraint erasure_log_action_check`.execute(db);
  await sql`alter table erasure_log add constraint erasure_log_action_check
    check (action in ('person.erase', 'nominee.erase')) not valid`.execute(db);
}
