import { sql, type Transaction } from "kysely";
import type { DB } from "../../../db/types";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import type { ErasureReason } from "./erasure.schema";
import {
  ERASED_NAME,
  MASK,
  eraseNomineeRows,
  erasureTerms,
  lockErasures,
  namesOfOthers,
  personStrings,
  scrubEverywhere,
  vacuum,
  type ErasureSpec,
} from "./erasure.server";
import { countMentions, termPatterns } from "./sweep.server";

// Erase a person, not a row (issue #19 item 2, ADR 0042). A person is given by the names and e-mail
// addresses they are known by (and, from a moderation page, the nominee rows they are): the service
// finds them everywhere the data map says a person can be — as a nominee in every award and edition
// (with the duplicates merged into them), as a reference on someone else's nomination, as an invitee,
// as a living person portrayed in the book, in anyone's free text (names matched as people write them:
// case, diacritics, spacing, suffixes — lauwer_term_regex), in mails, drafts, the audit log and
// published results — shows every place before acting, then erases in one transaction with one audit
// entry that holds no erased data, and afterwards VACUUMs and ANALYZEs the tables it changed so old
// row versions and the planner's statistics do not keep the values.

export interface PersonQuery {
  names: string[];
  emails: string[];
  /** Nominee rows known to be the person (the moderation page's nominee). */
  nomineeIds?: string[];
}

export interface PersonPlaces {
  nominees: Array<{ id: string; name: string; award: string; year: number; status: string; erased: boolean }>;
  references: Array<{ id: string; name: string; forNominee: string; award: string; year: number }>;
  invitations: number;
  accounts: Array<{ id: string; name: string }>;
  portrayed: Array<{ id: string; name: string; project: string }>;
  mentions: Array<{ table: string; column: string; rows: number }>;
  mails: number;
  drafts: number;
  auditEntries: number;
  snapshots: number;
  /** The strings that will be masked wherever they occur (names and addresses, never shown publicly). */
  terms: string[];
}

const clean = (q: PersonQuery) => ({
  names: [...new Set(q.names.map((v) => v.trim().replace(/\s+/g, " ")).filter((v) => v.length > 0))],
  emails: [...new Set(q.emails.map((v) => v.trim().toLowerCase()).filter((v) => v.includes("@")))],
  nomineeIds: [...new Set(q.nomineeIds ?? [])],
});

/** Whole-value patterns: a name column equal to the name as people write it. */
async function wholePatterns(db: DbOrTrx, names: string[]) {
  if (!names.length) return [];
  const r = await sql<{
    p: string;
  }>`select '^[[:space:]]*' || lauwer_term_core(n) || '[[:space:]]*$' as p from unnest(${names}::text[]) n`.execute(db);
  return r.rows.map((row) => row.p);
}

/** The person's nominee ids: matched by id, e-mail or name, then their whole merge trees. */
async function nomineeIdsOf(db: DbOrTrx, q: ReturnType<typeof clean>): Promise<string[]> {
  const whole = await wholePatterns(db, q.names);
  const r = await sql<{ id: string }>`
    with recursive hit as (
      select id from nominee
      where id = any(${q.nomineeIds}::uuid[])
        or lower(contact_email) = any(${q.emails}::text[])
        or (kind = 'person' and name ~* any(${whole}::text[]))
    ), up(id, merged_into) as (
      select n.id, n.merged_into from nominee n join hit on hit.id = n.id
      union select n.id, n.merged_into from nominee n join up on n.id = up.merged_into
    ), down(id) as (
      select id from up where merged_into is null
      union select n.id from nominee n join down on n.merged_into = down.id
    )
    select id from down union select id from hit`.execute(db);
  return r.rows.map((row) => row.id);
}

/** The names (people only) and addresses on these nominee rows. */
async function ownStrings(db: DbOrTrx, ids: string[]) {
  if (!ids.length) return { names: [] as string[], emails: [] as string[] };
  const rows = await db.selectFrom("nominee").select(["name", "kind", "contact_email"]).where("id", "in", ids).execute();
  return {
    names: rows.filter((r) => r.kind === "person" && r.name !== ERASED_NAME).map((r) => r.name),
    emails: rows.map((r) => r.contact_email?.toLowerCase() ?? "").filter(Boolean),
  };
}

/** Everything needed to show or erase the person; read again inside the erasure's transaction. */
async function resolve(db: DbOrTrx, query: PersonQuery) {
  const q = clean(query);
  // Finding the person: by the nominee rows given, by address, and by a name only when the admin typed
  // it (the page lists every match before anyone confirms). The rows found are followed once more by
  // the addresses they hold (the same person nominated elsewhere), never by their names alone: an
  // organizer's erasure must not reach a namesake in another award.
  const first = await nomineeIdsOf(db, q);
  const own = await ownStrings(db, first);
  const ids = await nomineeIdsOf(db, { ...q, emails: [...q.emails, ...own.emails], nomineeIds: first });
  const ownEmails = [...new Set([...q.emails, ...(await ownStrings(db, ids)).emails])];
  const typed = await wholePatterns(db, q.names);
  // What is masked in texts: the names and addresses of their records (also before an edit) and of the
  // references on their own nominations (which go with them), and what was typed.
  const strings = await personStrings(db, ids);
  const names = [...new Set([...q.names, ...strings.names.filter((v) => v !== ERASED_NAME)])];
  const emails = [...new Set([...ownEmails, ...strings.emails])];
  // The person as a reference on nominations that are not theirs: by their own address, or the name typed.
  const references = await sql<{ id: string; name: string; for_nominee: string; award: string; year: number }>`
    select r.id, r.name, n.name as for_nominee, a.name_nl as award, e.year
    from nomination_reference r
    join nomination m on m.id = r.nomination_id
    join nominee n on n.id = m.nominee_id
    join edition e on e.id = n.edition_id
    join award a on a.id = e.award_id
    where not (m.nominee_id = any(${ids}::uuid[]))
      and (lower(r.email) = any(${ownEmails}::text[]) or r.name ~* any(${typed}::text[]))
    order by e.year desc, a.name_nl, n.name`.execute(db);
  const keep = await namesOfOthers(db, names, ids);
  const terms = erasureTerms([...names, ...emails], keep);
  return { q, ids, names, emails, ownEmails, typed, terms, keep, references: references.rows };
}

/** The person's records, addresses and references, as an erasure finds them (also for the access report). */
export { resolve as resolvePerson };

/** Every place the person is, for the page shown before anything is erased. */
export async function findPerson(db: DbOrTrx, query: PersonQuery): Promise<PersonPlaces> {
  const r = await resolve(db, query);
  const patterns = await termPatterns(db, r.terms);
  const nominees = r.ids.length
    ? await db
        .selectFrom("nominee as n")
        .innerJoin("edition as e", "e.id", "n.edition_id")
        .innerJoin("award as a", "a.id", "e.award_id")
        .select(["n.id", "n.name", "a.name_nl as award", "e.year", "n.status", sql<boolean>`n.erased_at is not null`.as("erased")])
        .where("n.id", "in", r.ids)
        .orderBy("e.year", "desc")
        .orderBy("a.name_nl")
        .execute()
    : [];
  const count = async (query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(db)).rows[0]!.n;
  const any = (column: string) => sql`${sql.raw(column)} ~* any(${patterns}::text[])`;
  const none = sql`false`;
  const [invitations, accounts, portrayed, mentions, mails, drafts, auditEntries, snapshots] = await Promise.all([
    count(sql<{ n: number }>`select (
      (select count(*) from jury_invite where lower(email) = any(${r.ownEmails}::text[]))
      + (select count(*) from role_invitation where lower(email) = any(${r.ownEmails}::text[]))
      + (select count(*) from round_invite where lower(email) = any(${r.ownEmails}::text[])))::int as n`),
    db
      .selectFrom("app_user")
      .select(["id", "name"])
      .where(sql<boolean>`lower(email) = any(${r.ownEmails}::text[])`)
      .execute(),
    portrayedRows(db, r.typed),
    countMentions(db, patterns),
    count(sql<{ n: number }>`select count(*)::int as n from outbox_email
      where lower(to_address) = any(${r.emails}::text[])
        or ${patterns.length ? sql`(${any("subject")} or ${any("body_text")} or ${any("body_html")})` : none}`),
    count(sql<{ n: number }>`select count(*)::int as n from nomination_draft where ${patterns.length ? any("data::text") : none}`),
    count(sql<{ n: number }>`select count(*)::int as n from audit_log
      where (entity_type = 'nominee' and entity_id = any(${r.ids.map(String)}::text[]))
        or ${patterns.length ? sql`(${any("before::text")} or ${any("after::text")})` : none}`),
    count(sql<{ n: number }>`select count(*)::int as n from result_snapshot
      where ${patterns.length ? sql`(${any("body")} or ${any("coalesce(reason, '')")})` : none}`),
  ]);
  return {
    nominees,
    references: r.references.map((x) => ({ id: x.id, name: x.name, forNominee: x.for_nominee, award: x.award, year: x.year })),
    invitations,
    accounts,
    portrayed,
    mentions,
    mails,
    drafts,
    auditEntries,
    snapshots,
    terms: r.terms,
  };
}

/** Book proposals portraying the person while alive (death_year empty): the AVG protects only the living (recital 27). */
function portrayedRows(db: DbOrTrx, whole: string[]) {
  if (!whole.length) return Promise.resolve([]);
  return db
    .selectFrom("book_proposal as p")
    .innerJoin("book_project as b", "b.id", "p.project_id")
    .select(["p.id", "p.name", "b.title_nl as project"])
    .where(sql<boolean>`p.name ~* any(${whole}::text[])`)
    .where("p.death_year", "is", null)
    .execute();
}

/** Whether the query names anyone at all (a page may not erase on an empty form). */
export function isEmptyQuery(q: PersonQuery) {
  const c = clean(q);
  return !c.names.length && !c.emails.length && !c.nomineeIds.length;
}

export interface PersonErased {
  nominees: number;
  references: number;
  invitations: number;
  portrayed: number;
  texts: number;
  mailsDeleted: number;
  auditRewritten: number;
  snapshotsRewritten: number;
}

/** What an erasure's audit entry and log say about it. */
export interface ErasureAudit {
  action: "person.erase" | "nominee.erase";
  entityType: "person" | "nominee";
  entityId: string | null;
  /** Facts for the entry beside the counts (never erased data). */
  extra?: Record<string, string | number | boolean>;
  /** Re-applying a logged erasure after a restore: its log entry keeps its id, time and ids (ADR 0043). */
  log?: { id: string; at: Date; nomineeIds: string[]; referenceIds: string[]; invitationIds: string[]; proposalIds: string[] };
}

/**
 * Erases the person everywhere findPerson shows them, in one transaction, with one audit entry
 * (`action`) that names no erased data; then VACUUM (ANALYZE) of the changed tables. The accounts
 * the person holds are not deleted here: that is account deletion, which the person or an admin does.
 */
export async function erasePersonEverywhere(
  db: Db,
  actor: Actor,
  query: PersonQuery,
  reason: ErasureReason,
  audit: ErasureAudit,
): Promise<Outcome<PersonErased>> {
  if (isEmptyQuery(query)) return refuse(400, "erasure.errors.person");
  let touched = new Set<string>();
  const outcome = await db.transaction().execute(async (trx) => {
    const done = await erasePersonIn(trx, actor, query, reason, audit);
    touched = done.touched;
    return ok(done.erased);
  });
  await vacuum(db, touched);
  return outcome;
}

/**
 * The erasure itself, in the caller's transaction (account deletion erases the person in its own);
 * answers what it did and the tables it changed, for vacuum() after the commit.
 */
export async function erasePersonIn(
  trx: Transaction<DB>,
  actor: Actor,
  query: PersonQuery,
  reason: ErasureReason,
  audit: ErasureAudit,
): Promise<{ erased: PersonErased; touched: Set<string> }> {
  await lockErasures(trx);
  const r = await resolve(trx, query);
  await trx
    .selectFrom("nominee")
    .select("id")
    .where("id", "in", r.ids.length ? r.ids : [NO_ID])
    .orderBy("id")
    .forUpdate()
    .execute();
  const spec: ErasureSpec = { ids: r.ids, terms: r.terms, name: ERASED_NAME, mask: MASK };
  await eraseNomineeRows(trx, r.ids, true);
  const refs = r.references.map((x) => x.id);
  if (refs.length) await trx.deleteFrom("nomination_reference").where("id", "in", refs).execute();
  const invited = await invitationIds(trx, r.ownEmails);
  const invitations = await deleteInvitations(trx, r.ownEmails);
  const portrayedIds = await maskPortrayed(trx, r.typed);
  const portrayed = portrayedIds.length;
  // The log of ids a restore needs to erase the person again (no name, address or text).
  await trx
    .insertInto("erasure_log")
    .values({
      ...(audit.log ? { id: audit.log.id, at: audit.log.at } : {}),
      action: audit.action,
      // Re-applied after a restore: the original entry's ids too (the backup may lack some rows).
      nominee_ids: union(r.ids, audit.log?.nomineeIds),
      reference_ids: union(refs, audit.log?.referenceIds),
      invitation_ids: union(invited, audit.log?.invitationIds),
      proposal_ids: union(portrayedIds, audit.log?.proposalIds),
    })
    .execute();
  const counts = await scrubEverywhere(trx, spec, r.emails);
  const result: PersonErased = {
    nominees: r.ids.length,
    references: refs.length,
    invitations,
    portrayed,
    texts: counts.otherTexts,
    mailsDeleted: counts.mailsDeleted,
    auditRewritten: counts.auditRewritten,
    snapshotsRewritten: counts.snapshotsRewritten.length,
  };
  await writeAudit(trx, actor, {
    action: audit.action,
    entityType: audit.entityType,
    entityId: audit.entityId,
    after: {
      reason,
      ...audit.extra,
      ...result,
      nominees: r.ids,
      snapshotsRewritten: counts.snapshotsRewritten,
    },
  });
  return { erased: result, touched: new Set([...TABLES_ALWAYS, ...counts.touched]) };
}

const NO_ID = "00000000-0000-0000-0000-000000000000";
const union = (a: string[], b: string[] = []) => [...new Set([...a, ...b])];

/** Tables an erasure always writes to (its own rows, mail, audit); the sweep adds what it changed. */
const TABLES_ALWAYS = [
  "nominee",
  "nomination",
  "nomination_reference",
  "nominee_consent_token",
  "jury_score",
  "jury_conflict",
  "outbox_email",
  "nomination_draft",
  "audit_log",
  "result_snapshot",
  "rate_limit",
  "login_throttle",
  "notice",
  "notice_preference",
  "notice_recipient",
  "jury_invite",
  "role_invitation",
  "round_invite",
  "book_proposal",
  "book_source",
  "erasure_log",
];

async function deleteInvitations(trx: Transaction<DB>, emails: string[]) {
  if (!emails.length) return 0;
  let n = 0;
  for (const table of ["jury_invite", "role_invitation", "round_invite"] as const) {
    const r = await trx
      .deleteFrom(table)
      .where(sql<boolean>`lower(email) = any(${emails}::text[])`)
      .executeTakeFirst();
    n += Number(r.numDeletedRows);
  }
  return n;
}

/** A living person portrayed in the book: the proposal stays (its history refers to it), named by nobody. */
async function maskPortrayed(trx: Transaction<DB>, whole: string[]) {
  if (!whole.length) return [] as string[];
  const rows = await trx
    .updateTable("book_proposal")
    .set({ name: MASK, organisation: MASK, role: MASK })
    .where(sql<boolean>`name ~* any(${whole}::text[])`)
    .where("death_year", "is", null)
    .returning("id")
    .execute();
  // Their sources are about them (a title or URL may name them): they go.
  if (rows.length)
    await trx
      .deleteFrom("book_source")
      .where(
        "proposal_id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
  return rows.map((r) => r.id);
}

/** The ids of the jury and role invitations to these addresses (round invitations have no id of their own). */
async function invitationIds(trx: Transaction<DB>, emails: string[]) {
  if (!emails.length) return [];
  const r = await sql<{ id: string }>`
    select id from jury_invite where lower(email) = any(${emails}::text[])
    union all select id from role_invitation where lower(email) = any(${emails}::text[])`.execute(trx);
  return r.rows.map((x) => x.id);
}
