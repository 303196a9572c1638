import { sql, type Kysely } from "kysely";

// Exports: a per-edition secret for the pseudonymous voter ids in the anonymised ballots export
// (HMAC-SHA256 of the voter id under this salt). Stable within an edition, unlinkable across editions;
// never shown anywhere.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("edition")
    .addColumn("export_salt", "text", (c) => c.notNull().defaultTo(sql`(gen_random_uuid()::text || gen_random_uuid()::text)`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("edition").dropColumn("export_salt").execute();
}
