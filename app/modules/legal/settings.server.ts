import { sql } from "kysely";
import type { Db, DbOrTrx } from "~/db.server";
import { pick } from "~/lib/locale";
import { ok, type Outcome } from "~/lib/outcome";
import type { Locale } from "~/i18n/i18n";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import type { Compliance, LegalSettingsInput } from "./settings.schema";

// The organisation-specific parts of the privacy and accessibility statements (one row, set by a
// platform admin) and the retention figures the privacy statement quotes.

export interface LegalSettings {
  organisation: string;
  controller: string;
  contactEmail: string;
  postalAddress: string;
  dpoName: string;
  dpoEmail: string;
  /** YYYY-MM-DD, or "" while not set. */
  statementDate: string;
  lastCheckDate: string;
  compliance: Compliance;
  limitationsNl: string;
  limitationsEn: string;
}

/** The settings as the form and the pages read them (the migration created the row). */
export async function getLegalSettings(db: DbOrTrx): Promise<LegalSettings> {
  const row = await db
    .selectFrom("legal_settings")
    .select([
      "organisation",
      "controller",
      "contact_email",
      "postal_address",
      "dpo_name",
      "dpo_email",
      "compliance",
      "limitations_nl",
      "limitations_en",
      sql<string>`coalesce(to_char(statement_date, 'YYYY-MM-DD'), '')`.as("statement_date"),
      sql<string>`coalesce(to_char(last_check_date, 'YYYY-MM-DD'), '')`.as("last_check_date"),
    ])
    .where("id", "=", true)
    .executeTakeFirstOrThrow();
  return {
    organisation: row.organisation,
    controller: row.controller,
    contactEmail: row.contact_email,
    postalAddress: row.postal_address,
    dpoName: row.dpo_name,
    dpoEmail: row.dpo_email,
    statementDate: row.statement_date,
    lastCheckDate: row.last_check_date,
    compliance: row.compliance,
    limitationsNl: row.limitations_nl,
    limitationsEn: row.limitations_en,
  };
}

/** Saves what the admin set (already parsed by LegalSettingsSchema); audited with before and after. */
export async function saveLegalSettings(db: Db, actor: Actor, input: LegalSettingsInput): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom("legal_settings").select("id").where("id", "=", true).forUpdate().executeTakeFirstOrThrow();
    const before = await getLegalSettings(trx);
    const after: LegalSettings = { ...input };
    if (JSON.stringify(before) === JSON.stringify(after)) return ok();
    await trx
      .updateTable("legal_settings")
      .set({
        organisation: input.organisation,
        controller: input.controller,
        contact_email: input.contactEmail,
        postal_address: input.postalAddress,
        dpo_name: input.dpoName,
        dpo_email: input.dpoEmail,
        statement_date: input.statementDate,
        last_check_date: input.lastCheckDate,
        compliance: input.compliance,
        limitations_nl: input.limitationsNl,
        limitations_en: input.limitationsEn,
        updated_at: sql`now()`,
        updated_by: actor.actorId,
      })
      .where("id", "=", true)
      .execute();
    await writeAudit(trx, actor, { action: "legal.settings.update", entityType: "legal_settings", before, after });
    return ok();
  });
}

export interface RetentionPeriod {
  edition: string;
  /** Days after the edition closed; null: kept until someone asks (no automatic anonymisation). */
  days: number | null;
  anonymised: boolean;
}

/** Each edition's retention period as its organizers set it (/beheer/…/bewaartermijn), newest first. */
export async function listRetentionPeriods(db: DbOrTrx, locale: Locale): Promise<RetentionPeriod[]> {
  const rows = await db
    .selectFrom("edition as e")
    .innerJoin("award as a", "a.id", "e.award_id")
    .select(["a.name_nl", "a.name_en", "e.year", "e.retention_days", "e.anonymised_at"])
    .orderBy("e.year", "desc")
    .orderBy("a.name_nl")
    .execute();
  return rows.map((r) => ({
    edition: `${pick(locale, r.name_nl, r.name_en)} ${r.year}`,
    days: r.retention_days,
    anonymised: r.anonymised_at !== null,
  }));
}
