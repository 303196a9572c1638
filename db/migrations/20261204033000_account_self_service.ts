import { sql, type Kysely } from "kysely";

// The self-service account (#16, ADR 0026):
// - email_change_token: a change of e-mail address waits for the link mailed to the new address; only
//   the token's hash is kept, single use, with the address it confirms;
// - jury_score.juror_id no longer cascades: deleting an account must never take a juror's scores (and
//   so a jury's outcome) with it. The account page refuses that deletion and explains why; the
//   database refuses it too.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("email_change_token")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("new_email", "text", (c) => c.notNull().check(sql`char_length(new_email) between 3 and 254`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("email_change_token_user").on("email_change_token").column("user_id").execute();
  await sql`alter table jury_score drop constraint jury_score_juror_id_fkey`.execute(db);
  await sql`alter table jury_score add constraint jury_score_juror_id_fkey
    foreign key (juror_id) references app_user(id) on delete restrict`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table jury_score drop constraint jury_score_juror_id_fkey`.execute(db);
  await sql`alter table jury_score add constraint jury_score_juror_id_fkey
    foreign key (juror_id) references app_user(id) on delete cascade`.execute(db);
  await db.schema.dropTable("email_change_token").execute();
}
