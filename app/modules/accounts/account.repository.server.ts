import { sql } from "kysely";
import type { DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";

export function findUserByEmail(db: DbOrTrx, email: string) {
  return db.selectFrom("app_user").selectAll().where("email", "=", email).executeTakeFirst();
}

export function findUserById(db: DbOrTrx, id: string) {
  return db.selectFrom("app_user").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Locks the account's row until the transaction ends and reads what a mail to the person needs; undefined
 * when the account is gone. Two changes of one account (two tabs, a deletion and an e-mail change) queue
 * here, and the second sees what the first left.
 */
export function lockAccount(trx: DbOrTrx, id: string) {
  return trx.selectFrom("app_user").select(["id", "email", "name", "locale"]).where("id", "=", id).forUpdate().executeTakeFirst();
}

export function insertUser(
  db: DbOrTrx,
  user: { email: string; name: string; organisation: string; passwordHash: string; locale: Locale; verified?: boolean },
) {
  return db
    .insertInto("app_user")
    .values({
      email: user.email,
      name: user.name,
      organisation: user.organisation,
      password_hash: user.passwordHash,
      locale: user.locale,
      email_verified_at: user.verified ? sql<Date>`now()` : null,
    })
    .returning(["id", "email", "name", "locale"])
    .executeTakeFirstOrThrow();
}

export async function updatePasswordHash(db: DbOrTrx, userId: string, passwordHash: string) {
  await db
    .updateTable("app_user")
    .set({ password_hash: passwordHash, updated_at: sql`now()` })
    .where("id", "=", userId)
    .execute();
}

export async function markEmailVerified(db: DbOrTrx, userId: string) {
  await db
    .updateTable("app_user")
    .set({ email_verified_at: sql`coalesce(email_verified_at, now())`, updated_at: sql`now()` })
    .where("id", "=", userId)
    .execute();
}

export async function setUserLocale(db: DbOrTrx, userId: string, locale: Locale) {
  await db.updateTable("app_user").set({ locale }).where("id", "=", userId).execute();
}

type TokenTable = "email_verification_token" | "password_reset_token" | "login_unlock_token";

export async function insertToken(db: DbOrTrx, table: TokenTable, userId: string, tokenHash: string, ttlSeconds: number) {
  await db
    .insertInto(table)
    .values({
      token_hash: tokenHash,
      user_id: userId,
      expires_at: sql<Date>`now() + make_interval(secs => ${ttlSeconds})`,
    })
    .execute();
}

/**
 * A token for the account with this address, if there is one: one statement either way (it inserts no
 * row for an address without an account), so a request for a known address does the same work as one
 * for an unknown address.
 */
export async function insertTokenForEmail(db: DbOrTrx, table: TokenTable, email: string, tokenHash: string, ttlSeconds: number) {
  await db
    .insertInto(table)
    .columns(["token_hash", "user_id", "expires_at"])
    .expression(
      db
        .selectFrom("app_user")
        .select([
          sql<string>`${tokenHash}`.as("token_hash"),
          "id as user_id",
          sql<Date>`now() + make_interval(secs => ${ttlSeconds})`.as("expires_at"),
        ])
        .where("email", "=", email),
    )
    .execute();
}

/** Marks a token used if it is unused and unexpired (database clock); returns its user, once. */
export async function consumeToken(db: DbOrTrx, table: TokenTable, tokenHash: string): Promise<string | undefined> {
  const row = await db
    .updateTable(table)
    .set({ used_at: sql`now()` })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .returning("user_id")
    .executeTakeFirst();
  return row?.user_id;
}

export async function isTokenUsable(db: DbOrTrx, table: TokenTable, tokenHash: string): Promise<boolean> {
  const row = await db
    .selectFrom(table)
    .select("user_id")
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  return row !== undefined;
}

/** Retires every other open token of the user (e.g. after a reset, older reset links stop working). */
export async function retireTokens(db: DbOrTrx, table: TokenTable, userId: string) {
  await db
    .updateTable(table)
    .set({ used_at: sql`now()` })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
}
