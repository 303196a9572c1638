import { sql, type Kysely } from "kysely";

// The erasure log (issue #19 item 6, ADR 0043): one row per erasure of a person, holding only the ids
// of the rows the person was found by (their nominee records, references on others' nominations,
// invitations, book proposals portraying them) — no name, address or text. A backup taken before an
// erasure still holds the person; after a restore, `npm run privacy:erasures -- reapply <file>` reads
// the exported log, finds the person again from those rows (which the backup brought back) and erases
// them once more. Append-only: an entry is never changed or removed.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table erasure_log (
    id uuid primary key default gen_random_uuid(),
    at timestamptz not null default now(),
    action text not null check (action in ('person.erase', 'nominee.erase')),
    nominee_ids uuid[] not null default '{}',
    reference_ids uuid[] not null default '{}',
    invitation_ids uuid[] not null default '{}',
    proposal_ids uuid[] not null default '{}'
  )`.execute(db);
  await sql`create index erasure_log_at on erasure_log (at)`.execute(db);
  await sql`create function erasure_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'erasure_log is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger erasure_log_append_only before update or delete on erasure_log
    for each row execute function erasure_log_append_only()`.execute(db);
  await sql`create trigger erasure_log_no_truncate before truncate on erasure_log
    for each statement execute function erasure_log_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists erasure_log`.execute(db);
  await sql`drop function if exists erasure_log_append_only()`.execute(db);
}
