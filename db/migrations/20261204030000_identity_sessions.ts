import { sql, type Kysely } from "kysely";

// The ground the identity work (#16) stands on, shared by single sign-on, the second factor, the
// session list and blocking:
// - user_session.auth_method: how the session was signed in ('password', or 'oidc:<provider slug>'),
//   which a vote round limited to an identity provider reads;
// - user_session.second_factor_at: when this session passed a second factor (null: not yet), which
//   every privileged route requires (ADR 0024);
// - user_session.user_agent / last_seen_at: what a person sees in their list of active sessions;
// - app_user.blocked_at / blocked_reason: an account a platform admin blocked signs in nowhere, and
//   its sessions end at once (the session lookup skips blocked accounts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("user_session")
    .addColumn("auth_method", "text", (c) =>
      c
        .notNull()
        .defaultTo("password")
        .check(sql`auth_method ~ '^(password|oidc:[a-z0-9][a-z0-9-]{0,39})$'`),
    )
    .addColumn("second_factor_at", "timestamptz")
    .addColumn("user_agent", "text", (c) => c.check(sql`char_length(user_agent) <= 400`))
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .alterTable("app_user")
    .addColumn("blocked_at", "timestamptz")
    .addColumn("blocked_reason", "text", (c) => c.check(sql`char_length(blocked_reason) <= 1000`))
    .execute();
  await db.schema
    .alterTable("app_user")
    .addCheckConstraint("app_user_blocked_reason", sql`(blocked_at IS NULL) = (blocked_reason IS NULL)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("app_user").dropConstraint("app_user_blocked_reason").execute();
  await db.schema.alterTable("app_user").dropColumn("blocked_at").dropColumn("blocked_reason").execute();
  await db.schema
    .alterTable("user_session")
    .dropColumn("auth_method")
    .dropColumn("second_factor_at")
    .dropColumn("user_agent")
    .dropColumn("last_seen_at")
    .execute();
}
