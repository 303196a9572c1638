import { sql, type Kysely } from "kysely";

// Recountable results and the jury report (ADR 0014).
// - prize.motivation_nl / motivation_en: the jury's motivation, both languages or neither, at most
//   2,000 characters each; published inside the results snapshot (so covered by its hash).
// - result_list: for every vote round a published snapshot uses, the frozen lists anyone can recount
//   from — the counted ballots' choices (unlinked: no ballot id, voter, receipt or time) and the
//   hashes of the receipts (counted or voided) — as the exact bytes that are downloaded, in JSON and
//   CSV. The snapshot body holds each file's SHA-256, so the snapshot hash covers the lists.
//   Append-only like the snapshot; each file's hash is checked against its bytes by the database.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table prize
    add column motivation_nl text not null default '' check (char_length(motivation_nl) <= 2000),
    add column motivation_en text not null default '' check (char_length(motivation_en) <= 2000),
    add constraint prize_motivation_both check ((motivation_nl = '') = (motivation_en = ''))`.execute(db);

  await db.schema
    .createTable("result_list")
    .addColumn("edition_id", "uuid", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("round_id", "uuid", (c) => c.notNull().references("round.id"))
    .addColumn("list", "text", (c) => c.notNull().check(sql`list in ('ballots', 'receipts')`))
    .addColumn("format", "text", (c) => c.notNull().check(sql`format in ('json', 'csv')`))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("result_list_pk", ["edition_id", "version", "round_id", "list", "format"])
    // Written just before its snapshot in the same transaction (the snapshot holds the lists' hashes).
    .addForeignKeyConstraint("result_list_snapshot_fk", ["edition_id", "version"], "result_snapshot", ["edition_id", "version"], (c) =>
      c.deferrable().initiallyDeferred(),
    )
    .addCheckConstraint("result_list_hash", sql`sha256 = encode(sha256(convert_to(body, 'UTF8')), 'hex')`)
    .execute();
  // Read in slices for downloads: uncompressed out-of-line storage lets substr() fetch only its slice.
  await sql`alter table result_list alter column body set storage external`.execute(db);
  await sql`create function result_list_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'result_list is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger result_list_no_change before update or delete on result_list
    for each row execute function result_list_append_only()`.execute(db);
  await sql`create trigger result_list_no_truncate before truncate on result_list
    for each statement execute function result_list_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("result_list").execute();
  await sql`drop function if exists result_list_append_only()`.execute(db);
  await sql`alter table prize drop constraint prize_motivation_both, drop column motivation_en, drop column motivation_nl`.execute(db);
}
