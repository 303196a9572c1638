import { sql } from "kysely";
import type { DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";

// A session's id is its secret (the cookie's value): the page never shows it. Each session is named by
// a handle instead, the first 32 hex digits of the SHA-256 of its id, computed in PostgreSQL.
const handleOf = sql<string>`substr(encode(sha256(convert_to(id, 'UTF8')), 'hex'), 1, 32)`;

export interface SessionRow {
  handle: string;
  userAgent: string | null;
  authMethod: string;
  createdAt: Date;
  lastSeenAt: Date;
  secondFactor: boolean;
  current: boolean;
}

/** The account's live sessions, this browser's first, then the most recently seen. */
export async function listSessions(db: DbOrTrx, userId: string, currentSessionId: string | null): Promise<SessionRow[]> {
  const rows = await db
    .selectFrom("user_session")
    .select(["id", "user_agent", "auth_method", "created_at", "last_seen_at", "second_factor_at", handleOf.as("handle")])
    .where("user_id", "=", userId)
    .where("expires_at", ">", sql<Date>`now()`)
    .where("absolute_expires_at", ">", sql<Date>`now()`)
    .orderBy("last_seen_at", "desc")
    .orderBy("created_at", "desc")
    .execute();
  return rows
    .map((r) => ({
      handle: r.handle,
      userAgent: r.user_agent,
      authMethod: r.auth_method,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      secondFactor: r.second_factor_at !== null,
      current: r.id === currentSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Signs out one other session of the account, named by its handle; this browser's own is ended by signing out. */
export async function endSession(db: DbOrTrx, userId: string, currentSessionId: string, handle: string): Promise<Outcome> {
  const ended = await db
    .deleteFrom("user_session")
    .where("user_id", "=", userId)
    .where("id", "<>", currentSessionId)
    .where(handleOf, "=", handle)
    .executeTakeFirst();
  return Number(ended.numDeletedRows) > 0 ? ok() : refuse(404, "accounts.errors.sessionGone");
}

/** Signs out every session of the account but this browser's; how many ended. */
export async function endOtherSessions(db: DbOrTrx, userId: string, currentSessionId: string): Promise<Outcome<number>> {
  const ended = await db.deleteFrom("user_session").where("user_id", "=", userId).where("id", "<>", currentSessionId).executeTakeFirst();
  return ok(Number(ended.numDeletedRows));
}

/** A short name for a browser from its User-Agent ("Firefox op Windows"), without a library. */
export function describeAgent(userAgent: string | null): { browser: string | null; system: string | null } {
  if (!userAgent) return { browser: null, system: null };
  const browser = [
    [/Edg\//, "Edge"],
    [/OPR\//, "Opera"],
    [/Firefox\//, "Firefox"],
    [/Chrome\//, "Chrome"],
    [/Safari\//, "Safari"],
  ].find(([re]) => (re as RegExp).test(userAgent))?.[1] as string | undefined;
  const system = [
    [/iPhone|iPad/, "iOS"],
    [/Android/, "Android"],
    [/Windows/, "Windows"],
    [/Mac OS X|Macintosh/, "macOS"],
    [/CrOS/, "ChromeOS"],
    [/Linux/, "Linux"],
  ].find(([re]) => (re as RegExp).test(userAgent))?.[1] as string | undefined;
  return { browser: browser ?? null, system: system ?? null };
}
