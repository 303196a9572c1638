import { sql } from "kysely";
import type { Db } from "~/db.server";
import { dataKeyring, openSealed, seal, SealedValueError, sealedKeyId } from "~/lib/data-encryption.server";
import { logger } from "~/logger.server";

// A person's TOTP secret is kept sealed (ADR 0032): mfa_totp.secret holds it encrypted under
// DATA_ENCRYPTION_KEY, bound to the person's id, so a copy of the database or a backup does not give
// away anyone's second factor, and a sealed secret copied onto another person's row does not open.

/** A base32 secret as stored before ADR 0032 (sealed at start-up by sealStoredSecrets). */
const PLAIN = /^[A-Z2-7]{32}$/;
const context = (userId: string) => `mfa_totp.secret:${userId}`;

/** What mfa_totp.secret stores for this person's new secret. */
export function sealTotpSecret(userId: string, secret: string): string {
  return seal(dataKeyring().keyring, secret, context(userId));
}

/**
 * The person's secret from what mfa_totp.secret holds: sealed (current or previous key), or plain from
 * before sealing (a row the start-up step has not reached, e.g. written by an older process during a
 * rolling deploy). Null, logged as an error, when it does not open: changed in the database, moved from
 * another row, or sealed with a key this process does not hold. Codes are then refused as wrong.
 */
export function openTotpSecret(userId: string, stored: string): string | null {
  if (PLAIN.test(stored)) return stored;
  try {
    return openSealed(dataKeyring().keyring, stored, context(userId));
  } catch (error) {
    if (!(error instanceof SealedValueError)) throw error;
    logger.error({ userId, reason: error.reason, keyId: error.keyId }, `a TOTP secret cannot be opened: ${error.message}`);
    return null;
  }
}

export interface SealReport {
  /** Rows sealed (again) with the current key: plain ones and ones under the previous key. */
  sealed: number;
  /** Key ids of rows sealed with a key this process does not hold, with how many rows each. */
  unknownKeys: Record<string, number>;
  /** Rows that hold a known key's id but do not open (changed in the database, or moved from another row). */
  refused: number;
}

/**
 * Seals every secret that is not sealed with the current key: plain ones from before ADR 0032, and
 * ones under DATA_ENCRYPTION_KEY_PREVIOUS after a rotation. Run at start and with the periodic
 * maintenance. One transaction under an advisory lock, so processes starting together do it once; each
 * row is locked and replaced only as it was read, so an enrolment meanwhile is never overwritten.
 */
export async function sealStoredSecrets(db: Db): Promise<SealReport> {
  const { keyring } = dataKeyring();
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('lauwer.mfa_totp.seal'))`.execute(trx);
    const rows = await trx
      .selectFrom("mfa_totp")
      .select(["user_id", "secret"])
      .where("secret", "not like", `v1.${keyring.current.id}.%`)
      .forUpdate()
      .execute();
    const report: SealReport = { sealed: 0, unknownKeys: {}, refused: 0 };
    for (const row of rows) {
      let secret: string;
      try {
        secret = PLAIN.test(row.secret) ? row.secret : openSealed(keyring, row.secret, context(row.user_id));
      } catch (error) {
        if (!(error instanceof SealedValueError)) throw error;
        const id = sealedKeyId(row.secret);
        if (error.reason === "unknownKey" && id) report.unknownKeys[id] = (report.unknownKeys[id] ?? 0) + 1;
        else report.refused += 1;
        continue;
      }
      await trx
        .updateTable("mfa_totp")
        .set({ secret: seal(keyring, secret, context(row.user_id)) })
        .where("user_id", "=", row.user_id)
        .where("secret", "=", row.secret)
        .execute();
      report.sealed += 1;
    }
    return report;
  });
}

/**
 * Why the server must not start with these secrets (rows sealed with a key it was not given), or null.
 * The usual cause is a rotation without DATA_ENCRYPTION_KEY_PREVIOUS: every person with an app would
 * find their codes refused.
 */
export function unknownKeyProblem(report: SealReport): string | null {
  const ids = Object.entries(report.unknownKeys);
  if (ids.length === 0) return null;
  const list = ids.map(([id, n]) => `${n} with key id ${id}`).join(", ");
  return (
    `second-factor secrets are sealed with a key this server was not given (${list}): ` +
    "set DATA_ENCRYPTION_KEY to the key they were sealed with, or keep it in DATA_ENCRYPTION_KEY_PREVIOUS while rotating (docs/deploy.md, 'The data encryption key')"
  );
}
