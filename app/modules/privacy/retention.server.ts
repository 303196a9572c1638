import { sql, type Transaction } from "kysely";
import type { DB } from "../../../db/types";
import type { Db } from "~/db.server";
import { ok, type Outcome } from "~/lib/outcome";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { ERASED_NAME, MASK, eraseNomineeRows, erasureTerms, namesOfOthers, personStrings, scrubEverywhere } from "./erasure.server";

// Retention per edition (DESIGN §4). ADR, in short:
//
// - An edition has *closed* at the latest of its nomination close and its rounds' closes; it has not
//   closed while a round has no close time (an open-ended live vote), nor when it has neither rounds
//   nor a nomination close. `retention_days` after that (null: keep), the edition is anonymised once
//   (`anonymised_at`), by the hourly job in the server process or `npm run privacy:retention`.
// - What was published stays: the public candidates (approved and consented) keep their name,
//   organisation, category, pitch, story and the motivations and video links shown on their pages;
//   prizes, tallies, advancement, jury scores (the numbers) and the published results snapshots stay
//   unchanged, so results remain verifiable (no published hash changes through retention).
// - Everything else personal goes, the same way an erasure does it: every person nominated who never
//   became a public candidate (pending, rejected, declined, merged) is erased (placeholder name, their
//   nominations' texts, references); for everyone: contact e-mails, ages, rejection reasons, the
//   "relation" of nominators, references (names, e-mails, statements), consent tokens, drafts, vote
//   invite lists, jury invites, jury comments and conflict reasons, and on ballots the voter's account
//   link, IP address and device hash (ballot revisions too): a receipt code still proves a ballot
//   counted, nobody can link it to a person any more. Mails to these people are deleted, their names
//   and e-mails are erased from other mails, the audit log and drafts.
// - Organisation nominees are not persons: their names stay; their contact e-mail goes.
// - Kept: member accounts (and who nominated whom: it is the member's own history), jury membership,
//   the audit log's structure (who did what when) with personal strings erased.

export interface RetentionReport {
  editionId: string;
  award: string;
  year: number;
  closedAt: Date;
  retentionDays: number;
  personsErased: number;
  contactsCleared: number;
  referencesDeleted: number;
  ballotsAnonymised: number;
  mailsDeleted: number;
  auditRewritten: number;
}

/** The condition "this edition closed more than retention_days ago and is not anonymised yet". */
function dueQuery(db: Db | Transaction<DB>, editionId?: string) {
  return sql<{ id: string; award: string; year: number; closed_at: Date; retention_days: number }>`
    select e.id, a.slug as award, e.year, greatest(e.nomination_closes_at, max(r.closes_at)) as closed_at, e.retention_days
    from edition e join award a on a.id = e.award_id left join round r on r.edition_id = e.id
    where e.retention_days is not null and e.anonymised_at is null ${editionId ? sql`and e.id = ${editionId}` : sql``}
    group by e.id, a.slug
    having bool_and(r.id is null or r.closes_at is not null)
      and greatest(e.nomination_closes_at, max(r.closes_at)) is not null
      and greatest(e.nomination_closes_at, max(r.closes_at)) + make_interval(days => e.retention_days) <= now()
    order by closed_at, e.id`.execute(db);
}

/** Editions whose retention period has passed and that are not anonymised yet. */
export async function dueEditions(db: Db) {
  return (await dueQuery(db)).rows;
}

/**
 * Anonymises one edition in one transaction, if it is (still) due; undefined when it is not, or when
 * another process is doing it right now.
 */
export async function anonymiseEdition(db: Db, editionId: string): Promise<RetentionReport | undefined> {
  return db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom("edition").select("id").where("id", "=", editionId).forUpdate().skipLocked().executeTakeFirst();
    if (!locked) return undefined;
    const due = (await dueQuery(trx, editionId)).rows[0];
    if (!due) return undefined;
    await sql`select set_config('lauwer.retention', 'on', true)`.execute(trx);

    const nominees = await trx
      .selectFrom("nominee")
      .select(["id", "kind", "is_candidate", "contact_email"])
      .where("edition_id", "=", editionId)
      .execute();
    const erase = nominees.filter((n) => n.kind === "person" && !n.is_candidate).map((n) => n.id);
    const all = nominees.map((n) => n.id);
    // Strings to erase elsewhere: the erased persons' names, every contact and reference of the edition.
    const erased = await personStrings(trx, erase);
    const everyone = await personStrings(trx, all);
    const referenceNames = await trx
      .selectFrom("nomination_reference as r")
      .innerJoin("nomination as m", "m.id", "r.nomination_id")
      .select("r.name")
      .where("m.edition_id", "=", editionId)
      .execute();
    const names = [...erased.names, ...referenceNames.map((r) => r.name)];
    const emails = everyone.emails;
    const keep = await namesOfOthers(trx, names, erase);
    const referencesDeleted = await trx
      .selectFrom("nomination_reference as r")
      .innerJoin("nomination as m", "m.id", "r.nomination_id")
      .select((eb) => eb.fn.countAll<string>().as("c"))
      .where("m.edition_id", "=", editionId)
      .executeTakeFirstOrThrow();

    await eraseNomineeRows(trx, erase, false);
    const contacts = await trx
      .updateTable("nominee")
      .set({ contact_email: null, age: null, rejection_reason: null })
      .where("edition_id", "=", editionId)
      .where((eb) => eb.or([eb("contact_email", "is not", null), eb("age", "is not", null), eb("rejection_reason", "is not", null)]))
      .executeTakeFirst();
    await trx.updateTable("nomination").set({ relation: "" }).where("edition_id", "=", editionId).where("relation", "<>", "").execute();
    await trx
      .deleteFrom("nomination_reference")
      .where("nomination_id", "in", trx.selectFrom("nomination").select("id").where("edition_id", "=", editionId))
      .execute();
    if (all.length) await trx.deleteFrom("nominee_consent_token").where("nominee_id", "in", all).execute();
    await trx.deleteFrom("nomination_draft").where("edition_id", "=", editionId).execute();
    // The record of which notices went to whom (ADR 0013) names people: it goes with the edition's data.
    await trx.deleteFrom("notice").where("edition_id", "=", editionId).execute();
    const rounds = trx.selectFrom("round").select("id").where("edition_id", "=", editionId);
    await trx.deleteFrom("round_invite").where("round_id", "in", rounds).execute();
    // Kept fraud signals (ADR 0038) name addresses and device hashes.
    await trx.deleteFrom("fraud_snapshot").where("round_id", "in", rounds).execute();
    await trx.deleteFrom("jury_invite").where("edition_id", "=", editionId).execute();
    await trx.updateTable("jury_score").set({ comment: "" }).where("round_id", "in", rounds).where("comment", "<>", "").execute();
    await trx.updateTable("jury_conflict").set({ reason: MASK }).where("round_id", "in", rounds).where("reason", "<>", MASK).execute();
    const ballots = await trx
      .updateTable("ballot")
      .set({ voter_id: null, ip: null, device_hash: null })
      .where("edition_id", "=", editionId)
      .where((eb) => eb.or([eb("voter_id", "is not", null), eb("ip", "is not", null), eb("device_hash", "is not", null)]))
      .executeTakeFirst();
    await trx
      .updateTable("ballot_revision")
      .set({ ip: null, device_hash: null })
      .where("ballot_id", "in", trx.selectFrom("ballot").select("id").where("edition_id", "=", editionId))
      .where((eb) => eb.or([eb("ip", "is not", null), eb("device_hash", "is not", null)]))
      .execute();

    const counts = await scrubEverywhere(
      trx,
      { ids: erase, terms: erasureTerms([...names, ...emails], keep), name: ERASED_NAME, mask: MASK },
      emails,
      // Published results stay as published (they name public candidates only, whose names are kept).
      { snapshots: false },
    );
    await trx
      .updateTable("edition")
      .set({ anonymised_at: sql`now()` })
      .where("id", "=", editionId)
      .execute();
    const report: RetentionReport = {
      editionId,
      award: due.award,
      year: due.year,
      closedAt: due.closed_at,
      retentionDays: due.retention_days,
      personsErased: erase.length,
      contactsCleared: Number(contacts.numUpdatedRows),
      referencesDeleted: Number(referencesDeleted.c),
      ballotsAnonymised: Number(ballots.numUpdatedRows),
      mailsDeleted: counts.mailsDeleted,
      auditRewritten: counts.auditRewritten,
    };
    await writeAudit(trx, { actorId: null }, { action: "edition.retention", entityType: "edition", entityId: editionId, after: report });
    return report;
  });
}

/** Anonymises every edition that is due, each in its own transaction. */
export async function runRetention(db: Db): Promise<RetentionReport[]> {
  const reports: RetentionReport[] = [];
  for (const e of await dueEditions(db)) {
    const report = await anonymiseEdition(db, e.id);
    if (report) reports.push(report);
  }
  return reports;
}

/** One line per anonymised edition, for the command and the log. */
export function describeReport(r: RetentionReport): string {
  return (
    `${r.award} ${r.year}: closed ${r.closedAt.toISOString()}, retention ${r.retentionDays} days — ` +
    `${r.personsErased} non-public persons erased, ${r.contactsCleared} nominees' contact data cleared, ` +
    `${r.referencesDeleted} references deleted, ${r.ballotsAnonymised} ballots unlinked from voters, ` +
    `${r.mailsDeleted} mails deleted, ${r.auditRewritten} audit entries rewritten`
  );
}

/** An edition's retention setting and where it stands: closed when, due when, anonymised when. */
export async function retentionStatus(db: Db, editionId: string) {
  const r = await sql<{ retention_days: number | null; anonymised_at: Date | null; closed_at: Date | null; open_rounds: number }>`
    select e.retention_days, e.anonymised_at,
      case when bool_and(r.id is null or r.closes_at is not null) then greatest(e.nomination_closes_at, max(r.closes_at)) end as closed_at,
      (count(r.id) filter (where r.closes_at is null))::int as open_rounds
    from edition e left join round r on r.edition_id = e.id
    where e.id = ${editionId}
    group by e.id`.execute(db);
  const row = r.rows[0]!;
  const dueAt = row.closed_at && row.retention_days !== null ? new Date(row.closed_at.getTime() + row.retention_days * 86_400_000) : null;
  return { retentionDays: row.retention_days, anonymisedAt: row.anonymised_at, closedAt: row.closed_at, dueAt };
}

/** Sets (or clears: null) the retention period; audited. The job does the rest. */
export async function setRetentionDays(db: Db, actor: Actor, editionId: string, days: number | null): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("edition")
      .select("retention_days")
      .where("id", "=", editionId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (before.retention_days === days) return ok();
    await trx.updateTable("edition").set({ retention_days: days }).where("id", "=", editionId).execute();
    await writeAudit(trx, actor, {
      action: "edition.retention.update",
      entityType: "edition",
      entityId: editionId,
      before: { retentionDays: before.retention_days },
      after: { retentionDays: days },
    });
    return ok();
  });
}
