import { sql, type Kysely } from "kysely";

// Single sign-on with OpenID Connect (#16 item 1, ADR 0025):
// - user_identity: an account's link to one identity provider's subject (provider slug + `sub`); one
//   account per subject, one subject per account and provider;
// - oidc_login: a sign-in in progress (hashed state, the browser's binding cookie hashed, PKCE verifier,
//   nonce), single use, ten minutes;
// - identity_link_token: the mailed link that proves an existing account's address before a provider's
//   subject is linked to it;
// - app_user.password_hash is nullable: an account made by single sign-on has no password until its
//   owner sets one through "wachtwoord vergeten";
// - round.eligibility 'providers' with round.eligible_providers: a vote round for people signed in
//   through given identity providers, optionally only those whose provider names one of
//   round.eligible_organisations as their organisation (checked where the ballot is written).
const SLUG = sql`'^[a-z0-9][a-z0-9-]{0,39}$'`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user_identity")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("provider", "text", (c) => c.notNull().check(sql`provider ~ ${SLUG}`))
    .addColumn("subject", "text", (c) => c.notNull().check(sql`char_length(subject) between 1 and 255`))
    .addColumn("email", "text", (c) => c.notNull().check(sql`email = lower(email) and char_length(email) <= 320`))
    .addColumn("organisation", "text", (c) => c.check(sql`char_length(organisation) <= 200`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("user_identity_subject", ["provider", "subject"])
    .addUniqueConstraint("user_identity_user_provider", ["user_id", "provider"])
    .execute();

  await db.schema
    .createTable("oidc_login")
    .addColumn("state_hash", "text", (c) => c.primaryKey())
    .addColumn("browser_hash", "text", (c) => c.notNull())
    .addColumn("provider", "text", (c) => c.notNull().check(sql`provider ~ ${SLUG}`))
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("redirect_to", "text", (c) => c.notNull().check(sql`char_length(redirect_to) <= 2000`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now() + interval '10 minutes'`))
    .execute();
  await db.schema.createIndex("oidc_login_expires").on("oidc_login").column("expires_at").execute();

  await db.schema
    .createTable("identity_link_token")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("provider", "text", (c) => c.notNull().check(sql`provider ~ ${SLUG}`))
    .addColumn("subject", "text", (c) => c.notNull().check(sql`char_length(subject) between 1 and 255`))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("organisation", "text", (c) => c.check(sql`char_length(organisation) <= 200`))
    .addColumn("second_factor", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("identity_link_token_user").on("identity_link_token").column("user_id").execute();

  await db.schema
    .alterTable("app_user")
    .alterColumn("password_hash", (c) => c.dropNotNull())
    .execute();

  await sql`alter table round drop constraint if exists round_eligibility_check`.execute(db);
  await sql`alter table round
    add column eligible_providers text[] not null default '{}',
    add column eligible_organisations text[] not null default '{}',
    add constraint round_eligibility_check check (eligibility in ('verified', 'domains', 'invite', 'providers')),
    add constraint round_providers check (eligibility <> 'providers' or cardinality(eligible_providers) > 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update round set eligibility = 'verified' where eligibility = 'providers'`.execute(db);
  await sql`alter table round drop constraint round_providers, drop constraint round_eligibility_check, drop column eligible_providers, drop column eligible_organisations`.execute(
    db,
  );
  await sql`alter table round add constraint round_eligibility_check check (eligibility in ('verified', 'domains', 'invite'))`.execute(db);
  // Accounts made by single sign-on keep no usable password: an unusable marker lets the column be required again.
  await sql`update app_user set password_hash = '!sso-only' where password_hash is null`.execute(db);
  await db.schema
    .alterTable("app_user")
    .alterColumn("password_hash", (c) => c.setNotNull())
    .execute();
  await db.schema.dropTable("identity_link_token").execute();
  await db.schema.dropTable("oidc_login").execute();
  await db.schema.dropTable("user_identity").execute();
}
