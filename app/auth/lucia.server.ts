import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { config } from "~/config.server";
import { CompiledQuery, sql, type RawBuilder } from "kysely";
import { getDb, PREPARED } from "~/db.server";
import type { Locale } from "~/i18n/i18n";

// Lucia v3 is kept behind this one file: the rest of the app uses the functions exported here.

interface SessionRow {
  id: string;
  user_id: string;
  expires_at: Date | string;
  absolute_expires_at: Date | string;
  auth_method: string;
  second_factor_at: Date | string | null;
}

// pg returns timestamptz as Date, but some adapters have returned strings (lucia #1424): accept both.
const toDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

function toDatabaseSession(row: SessionRow): DatabaseSession {
  return {
    id: row.id,
    userId: row.user_id,
    expiresAt: toDate(row.expires_at),
    attributes: {
      absolute_expires_at: toDate(row.absolute_expires_at),
      auth_method: row.auth_method,
      second_factor_at: row.second_factor_at === null ? null : toDate(row.second_factor_at),
    },
  };
}

const sessionColumns = ["id", "user_id", "expires_at", "absolute_expires_at", "auth_method", "second_factor_at"] as const;

/**
 * A session with its person, as read on every request; `sessionId` a value, or an SQL expression of it
 * (a statement that reads the session among other work: sessionAndUserSelect).
 */
const sessionAndUserBase = (sessionId: string | RawBuilder<string>) =>
  getDb()
    .selectFrom("user_session as s")
    .innerJoin("app_user as u", "u.id", "s.user_id")
    .select([
      "s.id",
      "s.user_id",
      "s.expires_at",
      "s.absolute_expires_at",
      "s.auth_method",
      "s.second_factor_at",
      "u.email",
      "u.name",
      "u.organisation",
      "u.locale",
      "u.email_verified_at",
      // A person with a second factor (an app, or a passkey) is signed in only after passing it (ADR 0024, 0029).
      (eb) =>
        eb
          .or([
            eb.exists(
              eb.selectFrom("mfa_totp as t").select("t.user_id").whereRef("t.user_id", "=", "u.id").where("t.confirmed_at", "is not", null),
            ),
            eb.exists(eb.selectFrom("webauthn_credential as w").select("w.user_id").whereRef("w.user_id", "=", "u.id")),
          ])
          .as("mfa_enrolled"),
    ])
    .where("s.id", "=", sessionId)
    // A blocked account has no live session anywhere, from the moment it is blocked.
    .where("u.blocked_at", "is", null);
// Runs on every request: parsed and planned once per connection (ADR 0046).
const sessionAndUser = (sessionId: string) => sessionAndUserBase(sessionId).modifyFront(sql.raw(PREPARED));
type SessionAndUserRow = NonNullable<Awaited<ReturnType<ReturnType<typeof sessionAndUser>["executeTakeFirst"]>>>;

/**
 * The session query for a larger statement to read the session with (a common table expression), the
 * id an SQL expression (a parameter of it). Its row is validated with validateSessionRow.
 */
export function sessionAndUserSelect(sessionId: RawBuilder<string>) {
  return sessionAndUserBase(sessionId);
}

/**
 * The session query runs on every request: Kysely builds and compiles it once (building it took
 * about 7 % of a vote's CPU), and PostgreSQL plans it once per connection (PREPARED, ADR 0046). Its
 * one parameter is the session id.
 */
let sessionAndUserSql: string | undefined;
function sessionAndUserQuery(sessionId: string): CompiledQuery<SessionAndUserRow> {
  if (sessionAndUserSql === undefined) {
    const compiled = sessionAndUser("").compile();
    if (compiled.parameters.length !== 1) throw new Error("the session query must take the session id as its only parameter");
    sessionAndUserSql = compiled.sql;
  }
  return CompiledQuery.raw(sessionAndUserSql, [sessionId]) as CompiledQuery<SessionAndUserRow>;
}

/** A row of the session query as Lucia's adapter hands it on. */
function sessionAndUserPair(row: SessionAndUserRow | undefined): [DatabaseSession | null, DatabaseUser | null] {
  if (!row) return [null, null];
  const user: DatabaseUser = {
    id: row.user_id,
    attributes: {
      email: row.email,
      name: row.name,
      organisation: row.organisation,
      locale: row.locale,
      email_verified_at: row.email_verified_at,
      mfa_enrolled: Boolean(row.mfa_enrolled),
    },
  };
  return [toDatabaseSession(row), user];
}

const adapter: Adapter = {
  async getSessionAndUser(sessionId) {
    return sessionAndUserPair((await getDb().executeQuery(sessionAndUserQuery(sessionId))).rows[0]);
  },
  async getUserSessions(userId) {
    const rows = await getDb().selectFrom("user_session").select(sessionColumns).where("user_id", "=", userId).execute();
    return rows.map(toDatabaseSession);
  },
  async setSession(session) {
    await getDb()
      .insertInto("user_session")
      .values({
        id: session.id,
        user_id: session.userId,
        expires_at: session.expiresAt,
        absolute_expires_at: session.attributes.absolute_expires_at,
        auth_method: session.attributes.auth_method,
        second_factor_at: session.attributes.second_factor_at,
        user_agent: session.attributes.user_agent ?? null,
      })
      .execute();
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    // Lucia extends a session once half its idle time has passed: "last seen" is as exact as that.
    await getDb()
      .updateTable("user_session")
      .set({ expires_at: expiresAt, last_seen_at: new Date() })
      .where("id", "=", sessionId)
      .execute();
  },
  async deleteSession(sessionId) {
    await getDb().deleteFrom("user_session").where("id", "=", sessionId).execute();
  },
  async deleteUserSessions(userId) {
    await getDb().deleteFrom("user_session").where("user_id", "=", userId).execute();
  },
  async deleteExpiredSessions() {
    const now = new Date();
    await getDb()
      .deleteFrom("user_session")
      .where((eb) => eb.or([eb("expires_at", "<=", now), eb("absolute_expires_at", "<=", now)]))
      .execute();
  },
};

function createLucia(withAdapter: Adapter = adapter) {
  const c = config();
  return new Lucia(withAdapter, {
    // Idle timeout: Lucia extends a session once half of this has passed without use.
    sessionExpiresIn: new TimeSpan(c.SESSION_IDLE_MINUTES, "m"),
    sessionCookie: {
      name: "lauwer_session",
      expires: true,
      attributes: { sameSite: "lax", secure: c.secureCookies },
    },
    getSessionAttributes: (a) => ({
      absoluteExpiresAt: a.absolute_expires_at,
      authMethod: a.auth_method,
      secondFactorAt: a.second_factor_at,
    }),
    getUserAttributes: (a) => ({
      email: a.email,
      name: a.name,
      organisation: a.organisation,
      locale: a.locale,
      emailVerified: a.email_verified_at !== null,
      /** The person has a second factor (a confirmed authenticator app, or a passkey). */
      mfaEnrolled: a.mfa_enrolled === true,
    }),
  });
}

let lucia: ReturnType<typeof createLucia> | undefined;
function auth() {
  lucia ??= createLucia();
  return lucia;
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseSessionAttributes: {
      absolute_expires_at: Date;
      auth_method: string;
      second_factor_at: Date | null;
      /** Only written when the session starts (Lucia never reads it back). */
      user_agent?: string | null;
    };
    DatabaseUserAttributes: {
      email: string;
      name: string;
      organisation: string;
      locale: Locale;
      email_verified_at: Date | null;
      /** Only read with the session (other user lookups leave it out). */
      mfa_enrolled?: boolean;
    };
  }
}

export type { Session, User } from "lucia";
import type { Session, User } from "lucia";

export const SESSION_COOKIE = "lauwer_session";

export interface SessionStart {
  /** 'password' (the default) or 'oidc:<provider slug>'. */
  authMethod?: string;
  /** When a second factor was passed while signing in (null: not yet). */
  secondFactorAt?: Date | null;
  /** The browser's User-Agent, for the person's list of active sessions (cut to 400 characters). */
  userAgent?: string | null;
}

/** Starts a new session (always a new id, so a pre-login id can never be fixated). */
export async function createSession(userId: string, start: SessionStart = {}): Promise<{ session: Session; cookie: string }> {
  const absolute = new Date(Date.now() + config().SESSION_ABSOLUTE_HOURS * 3_600_000);
  const session = await auth().createSession(userId, {
    absolute_expires_at: absolute,
    auth_method: start.authMethod ?? "password",
    second_factor_at: start.secondFactorAt ?? null,
    user_agent: start.userAgent?.slice(0, 400) ?? null,
  });
  return { session, cookie: auth().createSessionCookie(session.id).serialize() };
}

export interface ValidatedSession {
  user: User | null;
  session: Session | null;
  /** A Set-Cookie value to send back: a refreshed cookie, or a blank one that clears a dead session. */
  setCookie?: string;
}

/** Validates a session id with both the idle timeout (Lucia) and the absolute lifetime (ours). */
export async function validateSessionId(sessionId: string | null): Promise<ValidatedSession> {
  if (!sessionId) return { user: null, session: null };
  return validateWith(auth(), sessionId);
}

async function validateWith(lucia: ReturnType<typeof createLucia>, sessionId: string): Promise<ValidatedSession> {
  const result = await lucia.validateSession(sessionId);
  if (!result.session) {
    return { user: null, session: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  }
  if (Date.now() >= result.session.absoluteExpiresAt.getTime()) {
    await lucia.invalidateSession(result.session.id);
    return { user: null, session: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  }
  const setCookie = result.session.fresh ? lucia.createSessionCookie(result.session.id).serialize() : undefined;
  return { ...result, setCookie };
}

export type { SessionAndUserRow };

/**
 * Validates a session id as validateSessionId does, with its row read by a statement of the caller's
 * (the session query and more in one round trip, sessionAndUserSelect: the vote lane casts the ballot
 * with it, ADR 0051): `row` is that query's row, or undefined when it found none. Lucia's own rules
 * (idle expiry, its refresh) and ours (the absolute lifetime) apply to that row unchanged.
 */
export async function validateSessionRow(sessionId: string | null, row: SessionAndUserRow | undefined): Promise<ValidatedSession> {
  if (!sessionId) return { user: null, session: null };
  const reading: Adapter = { ...adapter, getSessionAndUser: async () => sessionAndUserPair(row) };
  // A Lucia of its own for this one reading (cheap: options and a cookie controller), the same options.
  return validateWith(createLucia(reading), sessionId);
}

// Lucia's ids are lower-case base32; anything else is not worth a database round trip.
const SESSION_ID = /^[a-z0-9]{20,64}$/;

/** The session id from a Cookie header; null for none, or for a malformed header or id (never throws). */
export function readSessionCookie(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  let id: string | null;
  try {
    id = auth().readSessionCookie(cookieHeader);
  } catch {
    return null; // a percent-encoding error in any cookie makes the header unreadable
  }
  return id && SESSION_ID.test(id) ? id : null;
}

export async function invalidateSession(sessionId: string): Promise<string> {
  await auth().invalidateSession(sessionId);
  return auth().createBlankSessionCookie().serialize();
}

export async function invalidateUserSessions(userId: string): Promise<void> {
  await auth().invalidateUserSessions(userId);
}

export function deleteExpiredSessions(): Promise<void> {
  return auth().deleteExpiredSessions();
}
