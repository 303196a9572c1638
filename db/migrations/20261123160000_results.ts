import { sql, type Kysely } from "kysely";

// Results: the prizes an edition awards (jury, public, Top 100, combined) and the published,
// append-only snapshots of its results (canonical JSON with its SHA-256).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("prize")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("edition_id", "uuid", (c) => c.notNull().references("edition.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('jury', 'public', 'top100', 'combined')`))
    .addColumn("name_nl", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("vote_round_id", "uuid")
    .addColumn("jury_round_id", "uuid")
    .addColumn("public_weight", "numeric(5, 2)", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`public_weight >= 0`),
    )
    .addColumn("jury_weight", "numeric(5, 2)", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`jury_weight >= 0`),
    )
    .addColumn("places", "integer", (c) =>
      c
        .notNull()
        .defaultTo(3)
        .check(sql`places between 1 and 100`),
    )
    .addForeignKeyConstraint("prize_vote_round_fk", ["vote_round_id", "edition_id"], "round", ["id", "edition_id"])
    .addForeignKeyConstraint("prize_jury_round_fk", ["jury_round_id", "edition_id"], "round", ["id", "edition_id"])
    .addUniqueConstraint("prize_edition_position_key", ["edition_id", "position"])
    .addCheckConstraint(
      "prize_sources",
      sql`(kind in ('public', 'top100') and vote_round_id is not null)
        or (kind = 'jury' and jury_round_id is not null)
        or (kind = 'combined' and vote_round_id is not null and jury_round_id is not null and public_weight + jury_weight > 0)`,
    )
    .execute();

  await db.schema
    .createTable("result_snapshot")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("edition_id", "uuid", (c) => c.notNull().references("edition.id"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version >= 1`))
    // The exact bytes anyone can download and hash.
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn("reason", "text")
    .addColumn("published_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("published_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("result_snapshot_version_key", ["edition_id", "version"])
    // A snapshot that supersedes another says why.
    .addCheckConstraint("result_snapshot_reason", sql`version = 1 or (reason is not null and char_length(reason) >= 3)`)
    .addCheckConstraint("result_snapshot_hash", sql`sha256 = encode(sha256(convert_to(body, 'UTF8')), 'hex')`)
    .execute();
  await sql`create function result_snapshot_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'result_snapshot is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger result_snapshot_no_change before update or delete on result_snapshot
    for each row execute function result_snapshot_append_only()`.execute(db);
  await sql`create trigger result_snapshot_no_truncate before truncate on result_snapshot
    for each statement execute function result_snapshot_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("result_snapshot").execute();
  await sql`drop function if exists result_snapshot_append_only()`.execute(db);
  await db.schema.dropTable("prize").execute();
}
