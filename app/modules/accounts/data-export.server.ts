import { sql } from "kysely";
import type { DbOrTrx } from "~/db.server";

/**
 * Where Lauwer keeps something about a person (AVG art. 15 and 20): every column that refers to their
 * account, and every column that holds their e-mail address. The export reads each of them whole,
 * minus the columns named in `omit`: secrets (password and token hashes, session ids, unsubscribe
 * keys), mail bodies that may carry a sign-in link, images, and other people's addresses in rows
 * the person only acted on. tests/integration/account-data.test.ts reads PostgreSQL's catalogue and
 * fails when a foreign key to app_user is missing here: a new table is exported, or the test says so.
 */
export const BY_ACCOUNT: readonly { table: string; column: string; omit?: readonly string[] }[] = [
  { table: "user_session", column: "user_id", omit: ["id"] },
  { table: "email_verification_token", column: "user_id", omit: ["token_hash"] },
  { table: "password_reset_token", column: "user_id", omit: ["token_hash"] },
  { table: "login_unlock_token", column: "user_id", omit: ["token_hash"] },
  { table: "email_change_token", column: "user_id", omit: ["token_hash"] },
  { table: "login_known_ip", column: "user_id" },
  { table: "user_identity", column: "user_id" },
  { table: "mfa_totp", column: "user_id", omit: ["secret"] },
  { table: "mfa_recovery_code", column: "user_id", omit: ["code_hash"] },
  { table: "mfa_challenge", column: "user_id", omit: ["token_hash"] },
  // The passkeys' names, dates, credential ids, transports and counters; not the public key (a key the
  // authenticator made, binary, nothing the person told us), nor a ceremony's challenge or binding.
  { table: "webauthn_credential", column: "user_id", omit: ["public_key"] },
  { table: "webauthn_challenge", column: "user_id", omit: ["challenge", "binding"] },
  { table: "identity_link_token", column: "user_id", omit: ["token_hash"] },
  { table: "role_grant", column: "user_id" },
  { table: "role_grant", column: "granted_by" },
  { table: "nomination", column: "nominator_id" },
  { table: "nomination_draft", column: "user_id" },
  { table: "nominee", column: "created_by" },
  { table: "nominee_photo", column: "created_by", omit: ["content", "thumbnail"] },
  { table: "ballot", column: "voter_id" },
  { table: "ballot", column: "voided_by" },
  { table: "round_invite", column: "invited_by", omit: ["email"] },
  { table: "jury_invite", column: "invited_by", omit: ["email", "token_hash"] },
  { table: "jury_invite", column: "accepted_by", omit: ["token_hash"] },
  { table: "jury_invite", column: "revoked_by", omit: ["email", "token_hash"] },
  { table: "role_invitation", column: "invited_by", omit: ["email", "token_hash"] },
  { table: "role_invitation", column: "accepted_by", omit: ["token_hash"] },
  { table: "role_invitation", column: "revoked_by", omit: ["email", "token_hash"] },
  // A jury seat's id is the account's while it exists (so the rows below are the person's); a deleted
  // account's seat names nobody.
  { table: "jury_seat", column: "user_id" },
  { table: "jury_member", column: "user_id" },
  { table: "jury_conflict", column: "juror_id" },
  { table: "jury_score", column: "juror_id" },
  { table: "result_snapshot", column: "published_by", omit: ["content", "body", "payload"] },
  { table: "legal_settings", column: "updated_by" },
  { table: "book_proposal", column: "proposer_id" },
  { table: "book_endorsement", column: "user_id" },
  { table: "book_comment", column: "author_id" },
  { table: "book_author", column: "user_id" },
  { table: "book_claim", column: "user_id" },
  { table: "book_assignment", column: "user_id" },
  { table: "book_assignment", column: "assigned_by" },
  { table: "book_manuscript_version", column: "author_id" },
  { table: "book_manuscript_comment", column: "author_id" },
  // Privacy requests an admin registered or closed: when and what; the requester's name and address are theirs.
  { table: "privacy_request", column: "created_by", omit: ["name", "email"] },
  { table: "privacy_request", column: "closed_by", omit: ["name", "email"] },
];

/** Columns that hold an e-mail address (the person's, when it equals theirs). */
export const BY_ADDRESS: readonly { table: string; column: string; omit?: readonly string[] }[] = [
  { table: "notice_preference", column: "email" },
  { table: "notice_recipient", column: "email", omit: ["secret"] },
  { table: "notice", column: "recipient" },
  { table: "outbox_email", column: "to_address", omit: ["body_text", "body_html", "headers", "last_error"] },
  { table: "round_invite", column: "email" },
  { table: "jury_invite", column: "email", omit: ["token_hash"] },
  { table: "nominee", column: "contact_email" },
  { table: "nomination_reference", column: "email", omit: ["token_hash"] },
  { table: "login_throttle", column: "account" },
  { table: "email_change_token", column: "new_email", omit: ["token_hash"] },
  { table: "role_invitation", column: "email", omit: ["token_hash"] },
  { table: "user_identity", column: "email" },
  { table: "privacy_request", column: "email" },
  { table: "identity_link_token", column: "email", omit: ["token_hash"] },
];

type Row = Record<string, unknown>;

function without(row: Row, omit: readonly string[] = []): Row {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !omit.includes(k)));
}

async function rowsWhere(db: DbOrTrx, table: string, column: string, value: string, omit?: readonly string[]): Promise<Row[]> {
  const result = await sql<Row>`select * from ${sql.table(table)} where ${sql.ref(column)} = ${value}`.execute(db);
  return result.rows.map((r) => without(r, omit));
}

export interface DataExport {
  generatedAt: string;
  about: string;
  account: Row;
  /** Per "table.column": the rows that refer to the account. */
  byAccount: Record<string, Row[]>;
  /** Per "table.column": the rows that carry the account's e-mail address. */
  byAddress: Record<string, Row[]>;
  /** The choices and earlier versions (with their receipt codes) of the person's ballots. */
  ballotChoices: Row[];
  ballotRevisions: Row[];
  /** Audit entries the person made, or that are about their account. */
  audit: Row[];
}

/**
 * Everything Lauwer holds about one account, as plain JSON-ready data (AVG art. 15 and 20); undefined
 * when the account is gone. Read in one repeatable-read transaction, so the parts agree.
 */
export async function exportMyData(db: DbOrTrx, userId: string): Promise<DataExport | undefined> {
  const read = async (trx: DbOrTrx): Promise<DataExport | undefined> => {
    const user = await trx.selectFrom("app_user").selectAll().where("id", "=", userId).executeTakeFirst();
    if (!user) return undefined;
    const byAccount: Record<string, Row[]> = {};
    for (const { table, column, omit } of BY_ACCOUNT) byAccount[`${table}.${column}`] = await rowsWhere(trx, table, column, user.id, omit);
    const byAddress: Record<string, Row[]> = {};
    for (const { table, column, omit } of BY_ADDRESS)
      byAddress[`${table}.${column}`] = await rowsWhere(trx, table, column, user.email, omit);
    const ballotIds = byAccount["ballot.voter_id"]!.map((b) => String(b.id));
    const [ballotChoices, ballotRevisions, audit] = await Promise.all([
      ballotIds.length ? trx.selectFrom("ballot_choice").selectAll().where("ballot_id", "in", ballotIds).execute() : [],
      ballotIds.length ? trx.selectFrom("ballot_revision").selectAll().where("ballot_id", "in", ballotIds).execute() : [],
      trx
        .selectFrom("audit_log")
        .selectAll()
        .where((eb) => eb.or([eb("actor_id", "=", user.id), eb("entity_id", "=", user.id)]))
        .orderBy("at")
        .execute(),
    ]);
    return {
      generatedAt: new Date().toISOString(),
      about: "Lauwer: alle gegevens over dit account (AVG art. 15 en 20) / all data about this account (GDPR art. 15 and 20)",
      account: without(user, ["password_hash"]),
      byAccount,
      byAddress,
      ballotChoices,
      ballotRevisions,
      audit,
    };
  };
  return "isTransaction" in db && db.isTransaction ? read(db) : db.transaction().setIsolationLevel("repeatable read").execute(read);
}
