import { sql, type Kysely } from "kysely";

// Passkeys as a second factor (WebAuthn, ADR 0029):
// - webauthn_credential: a person's passkey — the credential id the authenticator chose (base64url,
//   unique: one authenticator key belongs to one account), its public key (COSE), the signature counter
//   the authenticator last reported (bigint: WebAuthn's counter is an unsigned 32-bit number), how the
//   browser can reach it (transports), the name the person gave it, and when it was added and last used;
// - webauthn_challenge: the random challenge of one ceremony (adding a passkey, or signing in / confirming
//   with one). App processes are stateless and several run at once, so it lives here, not in memory: it is
//   bound to the person and to the browser's sign-in step or session (`binding`, a SHA-256), taken once
//   (deleted by the request that uses it) and over after 5 minutes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("webauthn_credential")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("credential_id", "text", (c) =>
      c
        .notNull()
        .unique()
        .check(sql`credential_id ~ '^[A-Za-z0-9_-]+$' and char_length(credential_id) between 16 and 1400`),
    )
    .addColumn("public_key", "bytea", (c) => c.notNull().check(sql`octet_length(public_key) between 16 and 2048`))
    .addColumn("counter", "bigint", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`counter between 0 and 4294967295`),
    )
    .addColumn("transports", sql`text[]`, (c) =>
      c
        .notNull()
        .defaultTo(sql`'{}'::text[]`)
        .check(sql`cardinality(transports) <= 8`),
    )
    .addColumn("name", "text", (c) => c.notNull().check(sql`char_length(name) between 1 and 60`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .execute();
  await db.schema.createIndex("webauthn_credential_user_idx").on("webauthn_credential").columns(["user_id", "created_at"]).execute();

  await db.schema
    .createTable("webauthn_challenge")
    .addColumn("challenge", "text", (c) => c.primaryKey().check(sql`challenge ~ '^[A-Za-z0-9_-]{43}$'`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('register', 'authenticate')`))
    .addColumn("binding", "text", (c) => c.notNull().check(sql`binding ~ '^[0-9a-f]{64}$'`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("webauthn_challenge_user_idx").on("webauthn_challenge").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("webauthn_challenge").execute();
  await db.schema.dropTable("webauthn_credential").execute();
}
