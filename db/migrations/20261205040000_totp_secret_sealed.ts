import { sql, type Kysely } from "kysely";

// TOTP secrets sealed at rest (ADR 0032): mfa_totp.secret holds `v1.<key id>.<iv>.<ciphertext>.<tag>`
// (AES-256-GCM under DATA_ENCRYPTION_KEY, base64url parts). A migration has no key, so a secret written
// in plain base32 before this is still allowed here: the server seals every such row at start, under an
// advisory lock (sealStoredSecrets in app/modules/mfa/totp-secret.server.ts), and after that none is left.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table mfa_totp drop constraint mfa_totp_secret_check`.execute(db);
  await sql`alter table mfa_totp add constraint mfa_totp_secret_check check (
    secret ~ '^v1\\.[0-9a-f]{8}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{22}$'
    or secret ~ '^[A-Z2-7]{32}$')`.execute(db);
}

// Without the key this cannot turn sealed secrets back into plain ones. The earlier check comes back for
// new rows only (NOT VALID): the earlier version writes plain secrets again, and a person whose secret
// stays sealed signs in with a recovery code and sets up the app again (or an admin removes it).
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table mfa_totp drop constraint mfa_totp_secret_check`.execute(db);
  await sql`alter table mfa_totp add constraint mfa_totp_secret_check check (secret ~ '^[A-Z2-7]{32}$') not valid`.execute(db);
}
