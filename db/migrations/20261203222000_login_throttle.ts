import { sql, type Kysely } from "kysely";

// Login throttling per account and address (ADR 0020), held in PostgreSQL so every app process sees
// the same counts:
// - login_throttle: attempts at one account (its typed e-mail address, whether or not an account has
//   it) from one IP address, and the moment the next attempt from there is allowed (progressive delay);
// - login_known_ip: addresses from which an account signed in successfully (its known-good places),
//   which the limits on an address and on an account as a whole do not block;
// - login_unlock_token: the single-use link mailed to an owner whose account is under attack.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("login_throttle")
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().check(sql`attempts >= 0`))
    .addColumn("next_allowed_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("login_throttle_pkey", ["account", "ip"])
    .execute();
  await db.schema.createIndex("login_throttle_updated_idx").on("login_throttle").column("updated_at").execute();

  await db.schema
    .createTable("login_known_ip")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("last_success_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("login_known_ip_pkey", ["user_id", "ip"])
    .execute();

  await db.schema
    .createTable("login_unlock_token")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("login_unlock_token_user_idx").on("login_unlock_token").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_unlock_token").execute();
  await db.schema.dropTable("login_known_ip").execute();
  await db.schema.dropTable("login_throttle").execute();
}
