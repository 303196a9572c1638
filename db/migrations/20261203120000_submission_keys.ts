import type { Kysely } from "kysely";

// Idempotent nomination submits: the form posts a key made when the page was loaded, and a repeat of
// the same submission (a retry after the connection broke while it committed, a double click) finds
// the nomination stored under that key instead of storing a second one. Older nominations have none.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("nomination").addColumn("submission_key", "uuid").execute();
  await db.schema.createIndex("nomination_submission_key").unique().on("nomination").columns(["nominator_id", "submission_key"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("nomination_submission_key").execute();
  await db.schema.alterTable("nomination").dropColumn("submission_key").execute();
}
