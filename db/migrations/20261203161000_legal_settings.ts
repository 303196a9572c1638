import { sql, type Kysely } from "kysely";

// The organisation-specific parts of the privacy statement (AVG art. 13) and the accessibility
// statement (the model of digitoegankelijk.nl): who is the controller and how to reach them, the data
// protection officer, the statements' dates, the WCAG 2.1 AA compliance status and the known
// limitations. One row for the whole platform (`id` is always true), set by a platform admin; the
// limits below are the same as the shared form schema's, so a direct write cannot store what the form
// would refuse.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("legal_settings")
    .addColumn("id", "boolean", (c) =>
      c
        .primaryKey()
        .defaultTo(true)
        .check(sql`id`),
    )
    .addColumn("organisation", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("controller", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contact_email", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("postal_address", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("dpo_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("dpo_email", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("statement_date", "date")
    .addColumn("last_check_date", "date")
    .addColumn("compliance", "text", (c) => c.notNull().defaultTo("partial"))
    .addColumn("limitations_nl", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("limitations_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addCheckConstraint("legal_settings_compliance", sql`compliance in ('full', 'partial', 'initial', 'none')`)
    .addCheckConstraint(
      "legal_settings_lengths",
      sql`char_length(organisation) <= 200 and char_length(controller) <= 200 and char_length(contact_email) <= 254
        and char_length(postal_address) <= 300 and char_length(dpo_name) <= 200 and char_length(dpo_email) <= 254
        and char_length(limitations_nl) <= 4000 and char_length(limitations_en) <= 4000`,
    )
    .addCheckConstraint(
      "legal_settings_emails",
      sql`(contact_email = '' or contact_email ~ '^[^@\\s]+@[^@\\s]+$') and (dpo_email = '' or dpo_email ~ '^[^@\\s]+@[^@\\s]+$')`,
    )
    .execute();
  // The one row exists from the start: the pages read it, the admin page updates it.
  await sql`insert into legal_settings (id) values (true)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("legal_settings").execute();
}
