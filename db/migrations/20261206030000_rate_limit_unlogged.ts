import { sql, type Kysely } from "kysely";

// Rate-limit counters (rate-limiter-flexible's table) become UNLOGGED (#17, ADR 0036): a counter's
// commit no longer waits for a WAL flush, so the row every vote from one address updates (a ministry's
// NAT, a results night) is locked for microseconds instead of a disk flush. After a PostgreSQL crash the
// table starts empty: windows of a minute to a day begin again. Login throttling per account and address
// (login_throttle) and everything else stay logged.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table rate_limit set unlogged`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table rate_limit set logged`.execute(db);
}
