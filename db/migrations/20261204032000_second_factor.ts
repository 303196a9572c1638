import { sql, type Kysely } from "kysely";

// The second factor (ADR 0024):
// - mfa_totp: a person's authenticator app (RFC 6238): the shared secret, when it was confirmed with a
//   first code (null: enrolment started, not finished), and the last 30-second step a code was accepted
//   for, so a code is never accepted twice (RFC 6238 §5.2) — held in the row, checked in one UPDATE;
// - mfa_recovery_code: single-use recovery codes, only their SHA-256 (each has 80 random bits), used once:
//   used_at is set in the same UPDATE that checks it is still null;
// - mfa_challenge: the step between the password and the code at sign-in. The password alone gives no
//   session to a person with a second factor: only this row (found by the hash of a short-lived cookie),
//   which lives 10 minutes and takes a bounded number of wrong codes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("mfa_totp")
    .addColumn("user_id", "uuid", (c) => c.primaryKey().references("app_user.id").onDelete("cascade"))
    .addColumn("secret", "text", (c) => c.notNull().check(sql`secret ~ '^[A-Z2-7]{32}$'`))
    .addColumn("confirmed_at", "timestamptz")
    .addColumn("last_used_step", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`last_used_step >= 0`),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("mfa_recovery_code")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull().check(sql`code_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("mfa_recovery_code_pkey", ["user_id", "code_hash"])
    .execute();

  await db.schema
    .createTable("mfa_challenge")
    .addColumn("token_hash", "text", (c) => c.primaryKey().check(sql`token_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("redirect_to", "text", (c) => c.notNull().check(sql`char_length(redirect_to) <= 2000`))
    .addColumn("failures", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`failures >= 0`),
    )
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("mfa_challenge_user_idx").on("mfa_challenge").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("mfa_challenge").execute();
  await db.schema.dropTable("mfa_recovery_code").execute();
  await db.schema.dropTable("mfa_totp").execute();
}
