import { createHash } from "node:crypto";
import { sql, type Transaction } from "kysely";
import type { DB } from "../../../db/types";
import type { Db, DbOrTrx } from "~/db.server";
import { logger } from "~/logger.server";
import { redactNominee } from "~/modules/awards/redact.server";
import { canonicalJson, type Json } from "~/modules/results/canonical";
import { setErasureSpec, sweepFreeText } from "./sweep.server";

// The building blocks of erasure (AVG art. 17; DESIGN §4), shared by erasing a person everywhere
// (person.server.ts, ADR 0042), a consent decline and retention.
//
// The nominee row stays, with its id and a placeholder name, so ballots, tallies, advancement and
// jury scores keep counting exactly as before; everything that describes the person goes:
// name, organisation, contact e-mail, age, pitch, story, the motivations and video links of their
// nominations, references (names, e-mails, statements), consent tokens, jury comments and conflict
// reasons about them, drafts that mention them, mails to them or their references, and every
// occurrence of their name or e-mail (and their references') in mails, the audit log and published
// results snapshots. The "same person" is the nominee, every nominee merged into it or it into
// (the merge tree), and any other nominee of the edition with the same name or e-mail.
//
// Append-only history is rewritten only under `lauwer.erasure` (a transaction-local setting holding
// the erasure spec); the database triggers recompute the allowed rewrite and refuse anything else.
// A results snapshot that named the person is rewritten in place and gets a new SHA-256: a hash
// published before the erasure no longer matches the download afterwards (the audit entry of the
// erasure says so by listing the snapshot versions it rewrote).

/** The name an erased nominee keeps, so lists and results still show a row for their votes. */
export const ERASED_NAME = "Verwijderde kandidaat";
/** What replaces an erased name or e-mail inside other text. */
export const MASK = "[verwijderd]";
/** Shorter strings are not erased from free text (they would hit unrelated words and people). */
export const MIN_TERM_LENGTH = 5;

export interface ErasureSpec {
  /** Nominee ids: objects in JSON naming one of these lose their name and personal fields. */
  ids: string[];
  /** Strings erased (case-insensitive, as whole words) from every text. */
  terms: string[];
  name: string;
  mask: string;
}

/** The strings to erase: trimmed, long enough, without duplicates (case-insensitive), longest first. */
export function erasureTerms(values: ReadonlyArray<string | null | undefined>, keep: ReadonlyArray<string> = []): string[] {
  const skip = new Set([ERASED_NAME, MASK, ...keep].map((v) => v.trim().toLowerCase()));
  const seen = new Map<string, string>();
  for (const raw of values) {
    const v = raw?.trim();
    if (!v || v.length < MIN_TERM_LENGTH || skip.has(v.toLowerCase()) || seen.has(v.toLowerCase())) continue;
    seen.set(v.toLowerCase(), v);
  }
  return [...seen.values()].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** ILIKE patterns finding each term as plain text and as it appears inside JSON text. */
export function likePatterns(terms: ReadonlyArray<string>): string[] {
  const escape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  const out = new Set<string>();
  for (const t of terms) {
    out.add(`%${escape(t)}%`);
    out.add(`%${escape(JSON.stringify(t).slice(1, -1))}%`);
  }
  return [...out];
}

export interface ScrubCounts {
  mailsDeleted: number;
  mailsRewritten: number;
  draftsDeleted: number;
  auditRewritten: number;
  snapshotsRewritten: Array<{ editionId: string; version: number; sha256: string }>;
  otherTexts: number;
  /** Tables with rows changed or deleted: VACUUMed and ANALYZEd after the erasure commits. */
  touched: Set<string>;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const n = (r: { numDeletedRows: bigint } | { numUpdatedRows: bigint }) =>
  Number("numDeletedRows" in r ? r.numDeletedRows : r.numUpdatedRows);

/**
 * Removes the spec's people from everything that is not their own rows: mails (to them: deleted;
 * mentioning them: rewritten), drafts, rate-limit keys, free-text reasons and comments, the audit log
 * and results snapshots. Shared by erasure and retention; call it inside their transaction.
 */
export async function scrubEverywhere(
  trx: Transaction<DB>,
  spec: ErasureSpec,
  recipients: string[],
  options: { snapshots: boolean } = { snapshots: true },
): Promise<ScrubCounts> {
  const counts: ScrubCounts = {
    mailsDeleted: 0,
    mailsRewritten: 0,
    draftsDeleted: 0,
    auditRewritten: 0,
    snapshotsRewritten: [],
    otherTexts: 0,
    touched: new Set(),
  };
  const emails = [...new Set(recipients.map((e) => e.trim().toLowerCase()).filter(Boolean))];
  if (!spec.ids.length && !spec.terms.length && !emails.length) return counts;
  await lockErasures(trx);
  const patterns = await setErasureSpec(trx, spec);
  const idPatterns = spec.ids.map((id) => `%${id}%`);
  const emailPatterns = likePatterns(emails);
  const erased = (column: string) => sql<string>`lauwer_erase_text(${sql.ref(column)}, lauwer_erasure_spec())`;
  const mentions = (column: string) => sql<boolean>`${sql.ref(column)} ~* any(${patterns}::text[])`;

  // Mail: what went to them or their references goes; what mentions them elsewhere loses the mention.
  if (emails.length) {
    counts.mailsDeleted = n(
      await trx
        .deleteFrom("outbox_email")
        .where(sql<boolean>`lower(to_address) = any(${emails}::text[])`)
        .executeTakeFirst(),
    );
    await trx
      .deleteFrom("rate_limit")
      .where(sql<boolean>`key ilike any(${emailPatterns}::text[])`)
      .execute();
    // Login counts per account and address (ADR 0020); known places go with the account itself.
    await trx
      .deleteFrom("login_throttle")
      .where(sql<boolean>`lower(account) = any(${emails}::text[])`)
      .execute();
    // Lifecycle notices (ADR 0013): what was sent to them, their choices and their link key.
    await trx
      .deleteFrom("notice")
      .where(sql<boolean>`recipient = any(${emails}::text[])`)
      .execute();
    await trx
      .deleteFrom("notice_preference")
      .where(sql<boolean>`email = any(${emails}::text[])`)
      .execute();
    await trx
      .deleteFrom("notice_recipient")
      .where(sql<boolean>`email = any(${emails}::text[])`)
      .execute();
  }
  if (patterns.length) {
    counts.mailsRewritten = n(
      await trx
        .updateTable("outbox_email")
        .set({
          subject: erased("subject"),
          body_text: erased("body_text"),
          body_html: erased("body_html"),
          last_error: erased("last_error"),
        })
        .where((eb) => eb.or([mentions("subject"), mentions("body_text"), mentions("body_html"), mentions("last_error")]))
        .executeTakeFirst(),
    );
    counts.draftsDeleted = n(
      await trx
        .deleteFrom("nomination_draft")
        .where(sql<boolean>`data::text ~* any(${patterns}::text[])`)
        .executeTakeFirst(),
    );
    // Free text anyone wrote that may name them: every free-text column of the data map (ADR 0041)
    // outside the tables handled above and below.
    const swept = await sweepFreeText(trx, patterns);
    counts.otherTexts += swept.rows;
    for (const t of swept.touched) counts.touched.add(t);
  }

  // The audit log: the trigger recomputes exactly this rewrite and refuses any other change.
  const about = sql`(entity_type = 'nominee' and entity_id = any(${spec.ids}::text[]))`;
  const newBefore = sql`lauwer_erase_jsonb(before, lauwer_erasure_spec(), ${about})`;
  const newAfter = sql`lauwer_erase_jsonb(after, lauwer_erasure_spec(), ${about})`;
  const auditRows = await sql<{ id: string }>`
    update audit_log set before = ${newBefore}, after = ${newAfter}
    where action not in ('nominee.erase', 'person.erase') -- written without personal data; its reason category must stay
      and (${about}
        or before::text ~* any(${patterns}::text[]) or after::text ~* any(${patterns}::text[])
        or before::text like any(${idPatterns}::text[]) or after::text like any(${idPatterns}::text[]))
      and (before is distinct from ${newBefore} or after is distinct from ${newAfter})
    returning id`.execute(trx);
  counts.auditRewritten = auditRows.rows.length;

  // Published snapshots: erased as JSON by the database, written back as canonical JSON with its hash.
  if (!options.snapshots) {
    await sql`select set_config('lauwer.erasure', '', true)`.execute(trx);
    return counts;
  }
  const snapshots = await sql<{
    id: string;
    edition_id: string;
    version: number;
    body: string;
    erased: Json;
    reason: string | null;
    erased_reason: string | null;
  }>`
    select id, edition_id, version, body, lauwer_erase_jsonb(body::jsonb, lauwer_erasure_spec()) as erased,
      reason, lauwer_erase_text(reason, lauwer_erasure_spec()) as erased_reason
    from result_snapshot
    where body ~* any(${patterns}::text[]) or body like any(${idPatterns}::text[]) or reason ~* any(${patterns}::text[])
    order by edition_id, version`.execute(trx);
  for (const s of snapshots.rows) {
    const body = canonicalJson(s.erased);
    if (body === s.body && s.reason === s.erased_reason) continue;
    const hash = sha256(body);
    // The reason is not hashed: its mask is the trigger's exact rewrite, like the body's.
    await trx.updateTable("result_snapshot").set({ body, sha256: hash, reason: s.erased_reason }).where("id", "=", s.id).execute();
    counts.snapshotsRewritten.push({ editionId: s.edition_id, version: s.version, sha256: hash });
  }
  await sql`select set_config('lauwer.erasure', '', true)`.execute(trx);
  return counts;
}

/**
 * One erasure (or retention sweep) at a time across every process: two that rewrite the same snapshot or
 * texts would otherwise fail the append-only checks or deadlock. Held until the transaction ends;
 * taking it again in the same transaction is free.
 */
export async function lockErasures(trx: Transaction<DB>) {
  await sql`select pg_advisory_xact_lock(hashtext('lauwer.erasure'))`.execute(trx);
}

/**
 * Clears a set of nominees' own rows (nominee, nominations, references, tokens, jury comments);
 * `onRequest` marks them as erased on request (retention anonymises without that mark).
 */
export async function eraseNomineeRows(trx: Transaction<DB>, ids: string[], onRequest: boolean) {
  if (!ids.length) return;
  for (const id of ids) await redactNominee(trx, id, false);
  await trx
    .updateTable("nominee")
    .set({ name: ERASED_NAME, erased_at: onRequest ? sql`coalesce(erased_at, now())` : sql`erased_at`, updated_at: sql`now()` })
    .where("id", "in", ids)
    .execute();
  // Nominations first submitted for them but since merged elsewhere are theirs too.
  const nominations = trx
    .selectFrom("nomination")
    .select("id")
    .where((eb) => eb.or([eb("nominee_id", "in", ids), eb("submitted_for_nominee_id", "in", ids)]));
  await trx.deleteFrom("nomination_reference").where("nomination_id", "in", nominations).execute();
  await trx
    .updateTable("nomination")
    .set({ motivation: "", video_url: null, relation: "" })
    .where((eb) => eb.or([eb("nominee_id", "in", ids), eb("submitted_for_nominee_id", "in", ids)]))
    .execute();
  await trx.deleteFrom("nominee_consent_token").where("nominee_id", "in", ids).execute();
  await sql`select set_config('lauwer.erasure', ${JSON.stringify({ ids, terms: [], name: ERASED_NAME, mask: MASK })}, true)`.execute(trx);
  await trx.updateTable("jury_score").set({ comment: "" }).where("nominee_id", "in", ids).where("comment", "<>", "").execute();
  await trx.updateTable("jury_conflict").set({ reason: MASK }).where("nominee_id", "in", ids).execute();
  await sql`select set_config('lauwer.erasure', '', true)`.execute(trx);
}

/** What erasing a nominee would touch: the same person's nominee ids and the strings to erase. */
export async function erasureScope(trx: DbOrTrx, editionId: string, nomineeId: string) {
  // The merge tree: up to its root, then everything merged into it (at any depth).
  const tree = await sql<{ id: string }>`
    with recursive up(id, merged_into) as (
      select id, merged_into from nominee where id = ${nomineeId} and edition_id = ${editionId}
      union select n.id, n.merged_into from nominee n join up on n.id = up.merged_into
    ), root as (select id from up where merged_into is null),
    down(id) as (
      select id from root
      union select n.id from nominee n join down on n.merged_into = down.id
    )
    select id from down`.execute(trx);
  let ids = tree.rows.map((r) => r.id);
  if (!ids.length) return undefined;
  const own = await trx.selectFrom("nominee").select("contact_email").where("id", "in", ids).execute();
  const mails = own.map((r) => r.contact_email?.toLowerCase()).filter((v): v is string => Boolean(v));
  // The same person nominated again in this edition without a merge: the same e-mail address (a
  // shared name alone is not enough — erasing someone else would be irreversible).
  if (mails.length) {
    const same = await trx
      .selectFrom("nominee")
      .select("id")
      .where("edition_id", "=", editionId)
      .where("id", "not in", ids)
      .where(sql`lower(contact_email)`, "in", mails)
      .execute();
    ids = [...ids, ...same.map((r) => r.id)];
  }
  const strings = await personStrings(trx, ids);
  return { ids, ...strings, keep: await namesOfOthers(trx, strings.names, ids) };
}

/**
 * Of these names, those another (kept) nominee also bears, in any spelling (lauwer_term_core): not
 * erased from free text, since there they may be that other person's.
 */
export async function namesOfOthers(trx: DbOrTrx, names: string[], ids: string[]): Promise<string[]> {
  if (!names.length) return [];
  const rows = await sql<{ name: string }>`
    select n as name from unnest(${names}::text[]) n
    where exists (
      select 1 from nominee o
      where not (o.id = any(${ids}::uuid[]))
        and o.name ~* ('^[[:space:]]*' || lauwer_term_core(n) || '[[:space:]]*$'))`.execute(trx);
  return rows.rows.map((r) => r.name);
}

/** Names and e-mails of these nominees, of their references, and names they had before an edit. */
export async function personStrings(trx: DbOrTrx, ids: string[]) {
  if (!ids.length) return { names: [] as string[], emails: [] as string[] };
  const rows = await sql<{ v: string | null; kind: "name" | "email" }>`
    select name as v, 'name' as kind from nominee where id = any(${ids}::uuid[])
    union select contact_email, 'email' from nominee where id = any(${ids}::uuid[])
    union select r.name, 'name' from nomination_reference r join nomination m on m.id = r.nomination_id
      where m.nominee_id = any(${ids}::uuid[]) or m.submitted_for_nominee_id = any(${ids}::uuid[])
    union select r.email, 'email' from nomination_reference r join nomination m on m.id = r.nomination_id
      where m.nominee_id = any(${ids}::uuid[]) or m.submitted_for_nominee_id = any(${ids}::uuid[])
    union select jsonb_path_query(x, 'strict $.**.name') #>> '{}', 'name'
      from audit_log a cross join lateral (values (a.before), (a.after)) j(x)
      where a.entity_type = 'nominee' and a.entity_id = any(${ids.map(String)}::text[]) and x is not null`.execute(trx);
  const names = rows.rows.filter((r) => r.kind === "name").map((r) => r.v ?? "");
  const emails = rows.rows.filter((r) => r.kind === "email").map((r) => (r.v ?? "").toLowerCase());
  return { names: names.filter((v) => v && v !== ERASED_NAME), emails: emails.filter(Boolean) };
}

/**
 * What a consent decline must also sweep: the nominee and the duplicates merged into it (and `also`,
 * nominees a re-applied decline logged), with their names and e-mail addresses; the declined nominee
 * first. Read before `redactNominee` empties the rows.
 */
export async function declinedPerson(trx: DbOrTrx, nomineeId: string, also: ReadonlyArray<string> = []) {
  const rows = await trx
    .selectFrom("nominee")
    .select("id")
    .where((eb) => eb.or([eb("id", "=", nomineeId), eb("merged_into", "=", nomineeId), eb("id", "in", [NO_ID, ...also])]))
    .execute();
  const ids = [nomineeId, ...rows.map((r) => r.id).filter((id) => id !== nomineeId)];
  const strings = await personStrings(trx, ids);
  const keep = await namesOfOthers(trx, strings.names, ids);
  const spec: ErasureSpec = { ids, terms: erasureTerms([...strings.names, ...strings.emails], keep), name: ERASED_NAME, mask: MASK };
  return { spec, emails: strings.emails };
}

const NO_ID = "00000000-0000-0000-0000-000000000000";

/** Tables a decline always writes to; the sweep adds what it changed. */
const DECLINE_TABLES = [
  "nominee",
  "nominee_photo",
  "nomination",
  "nomination_reference",
  "nominee_consent_token",
  "outbox_email",
  "nomination_draft",
  "audit_log",
  "rate_limit",
  "login_throttle",
  "notice",
  "notice_preference",
  "notice_recipient",
  "erasure_log",
];

/**
 * A nominee who declines was never public: their rows are redacted (with the duplicates merged into
 * them), and their name and e-mail leave the mails, drafts and the audit log, as in an erasure (no
 * published snapshot can hold them). Logged in the erasure log as `nominee.decline` (ids only), so a
 * restore from an older backup applies it again (ADR 0043). Runs in the caller's transaction and
 * answers the tables it changed, for vacuum() after the commit. `log` re-applies a logged decline
 * under its own id and time, with the nominees it named.
 */
export async function declineIn(
  trx: Transaction<DB>,
  nomineeId: string,
  options: { tellNominators: boolean; log?: { id: string; at: Date; nomineeIds: string[] } },
): Promise<Set<string>> {
  const person = await declinedPerson(trx, nomineeId, options.log?.nomineeIds);
  await redactNominee(trx, nomineeId, options.tellNominators);
  // Nominees a re-applied decline names that are no longer merged into it (the merge came after the backup).
  for (const id of person.spec.ids) if (id !== nomineeId) await redactNominee(trx, id, false);
  const counts = await scrubEverywhere(trx, person.spec, person.emails, { snapshots: false });
  await trx
    .insertInto("erasure_log")
    .values({
      ...(options.log ? { id: options.log.id, at: options.log.at } : {}),
      action: "nominee.decline",
      nominee_ids: [...new Set([...person.spec.ids, ...(options.log?.nomineeIds ?? [])])],
    })
    .execute();
  return new Set([...DECLINE_TABLES, ...counts.touched]);
}

/**
 * After the commit: old row versions leave the table files' visible data and pg_stats is rebuilt from
 * the current rows. VACUUM cannot run in a transaction; a failure is logged, never undoes the erasure.
 */
export async function vacuum(db: Db, tables: Iterable<string>) {
  for (const table of [...new Set(tables)].sort()) {
    try {
      await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
    } catch (error) {
      logger.warn({ err: error, table }, "vacuum after erasure failed");
    }
  }
}
