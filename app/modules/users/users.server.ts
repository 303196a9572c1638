import { sql } from "kysely";
import { config } from "~/config.server";
import type { Db, DbOrTrx } from "~/db.server";
import { ok, refuse, type Outcome } from "~/lib/outcome";
import { insertToken, retireTokens } from "~/modules/accounts/account.repository.server";
import { newToken } from "~/modules/accounts/account.server";
import { writeAudit, type Actor } from "~/modules/audit/audit.server";
import { findProvider } from "~/modules/identity/providers.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { RETENTION } from "~/modules/privacy/processing";
import { hit } from "~/modules/rate-limit/rate-limit.server";
import { listGrants } from "~/modules/roles/role.server";
import { enqueueUserMail } from "./user-mail.server";
import { USER_ID, type BlockUserInput, type UnblockUserInput } from "./user.schema";

export const PAGE_SIZE = 25;

/** The audit codes of this module, newest first on a person's page (with an admin's removal of the second factor). */
const USER_ACTIONS = ["user.block", "user.unblock", "user.verification.resend"] as const;

/** How long a resent verification link lives (as the one mailed at sign-up). */
const VERIFY_TTL_SECONDS = RETENTION.confirmationLinkHours * 3600;

/** The folded text the admin's search matches, exactly the expression of the app_user_search_trgm index. */
const searchable = sql<string>`lauwer_fold(u.name || ' ' || u.email || ' ' || u.organisation)`;

/** A LIKE pattern that finds the term anywhere (its own %, _ and \ taken literally). */
const containing = (term: string) => `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * One page of people whose name, e-mail address or organisation contains the term (accents and case
 * ignored), by name; without a term, everyone by name. The total counts every match.
 */
export async function searchUsers(db: DbOrTrx, { q, page }: { q: string; page: number }) {
  let base = db.selectFrom("app_user as u");
  const term = q.trim();
  if (term) base = base.where(sql<boolean>`${searchable} like lauwer_fold(${containing(term)})`);
  const [rows, total] = await Promise.all([
    base
      .select(["u.id", "u.name", "u.email", "u.organisation", "u.email_verified_at", "u.blocked_at"])
      .orderBy("u.name")
      .orderBy("u.id")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/**
 * Everything a platform admin sees of one person: the account, its verification and block, whether it
 * has a password, the sign-in providers it linked, how many sessions are live and when it was last
 * seen, its roles and the admin actions on it; undefined when there is no such person.
 */
export async function getUserDetail(db: DbOrTrx, userId: string) {
  if (!USER_ID.test(userId)) return undefined;
  const user = await db
    .selectFrom("app_user")
    .select(["id", "name", "email", "organisation", "created_at", "email_verified_at", "blocked_at", "blocked_reason"])
    .select(sql<boolean>`password_hash is not null`.as("has_password"))
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return undefined;
  const [sessions, grants, audit, identities] = await Promise.all([
    db
      .selectFrom("user_session")
      .select((eb) => [
        eb.fn
          .count<string>("id")
          .filterWhere(sql<boolean>`expires_at > now() and absolute_expires_at > now()`)
          .as("active"),
        eb.fn.max("last_seen_at").as("last_seen_at"),
      ])
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow(),
    listGrants(db, userId),
    db
      .selectFrom("audit_log as a")
      .leftJoin("app_user as actor", "actor.id", "a.actor_id")
      .select(["a.id", "a.at", "a.action", "a.after", "actor.name as actor_name"])
      .where("a.entity_type", "=", "user")
      .where("a.entity_id", "=", userId)
      .where((eb) =>
        eb.or([
          eb("a.action", "in", [...USER_ACTIONS]),
          eb.and([eb("a.action", "=", "mfa.disable"), eb(sql<string>`a.after->>'by'`, "=", "admin")]),
        ]),
      )
      .orderBy("a.id", "desc")
      .limit(20)
      .execute(),
    db
      .selectFrom("user_identity")
      .select(["id", "provider", "created_at", "last_used_at"])
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
  ]);
  // A blocked account has no live session, whatever rows are left (the session lookup skips it).
  const active = user.blocked_at ? 0 : Number(sessions.active);
  return {
    user,
    sessions: { active, lastSeenAt: (sessions.last_seen_at as Date | null) ?? null },
    grants,
    // A provider no longer in OIDC_PROVIDERS keeps its rows: shown by its slug.
    identities: identities.map((i) => ({
      id: i.id,
      slug: i.provider,
      name: findProvider(i.provider)?.name ?? null,
      linkedAt: i.created_at,
      lastUsedAt: i.last_used_at,
    })),
    audit: audit.map((a) => ({
      id: a.id,
      at: a.at,
      action: a.action,
      actor: a.actor_name,
      reason: reasonOf(a.after),
    })),
  };
}

function reasonOf(after: unknown): string | null {
  const value = typeof after === "string" ? (JSON.parse(after) as unknown) : after;
  if (value && typeof value === "object" && "reason" in value && typeof value.reason === "string") return value.reason;
  return null;
}

/** The database refused to block the last platform admin who is not blocked (trigger app_user_keep_an_admin). */
function isLastAdminRefusal(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { constraint?: string }).constraint === "app_user_keep_an_admin";
}

function lockUser(trx: DbOrTrx, userId: string) {
  return trx
    .selectFrom("app_user")
    .select(["id", "name", "email", "locale", "blocked_at", "blocked_reason"])
    .where("id", "=", userId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Blocks an account, with a reason: from this transaction on it signs in nowhere (password login and
 * reset are refused as a wrong password would be), every session of it ends, its open reset and
 * unlock links stop working, the person is told by mail with the reason, and the action is audited.
 * An admin cannot block themselves, and the database refuses to block the last platform admin.
 */
export async function blockUser(db: Db, actor: Actor, userId: string, input: BlockUserInput): Promise<Outcome> {
  if (!USER_ID.test(userId)) return refuse(404, "users.errors.notFound");
  if (actor.actorId === userId) return refuse(409, "users.errors.self");
  try {
    return await db.transaction().execute(async (trx) => {
      const user = await lockUser(trx, userId);
      if (!user) return refuse(404, "users.errors.notFound");
      if (user.blocked_at) return refuse(409, "users.errors.alreadyBlocked");
      const blocked = await trx
        .updateTable("app_user")
        .set({ blocked_at: sql<Date>`now()`, blocked_reason: input.reason, updated_at: sql<Date>`now()` })
        .where("id", "=", userId)
        .returning("blocked_at")
        .executeTakeFirstOrThrow();
      const ended = await trx.deleteFrom("user_session").where("user_id", "=", userId).executeTakeFirst();
      await retireTokens(trx, "password_reset_token", userId);
      await retireTokens(trx, "login_unlock_token", userId);
      await writeAudit(trx, actor, {
        action: "user.block",
        entityType: "user",
        entityId: userId,
        before: { blocked_at: null },
        after: { blocked_at: blocked.blocked_at, reason: input.reason, sessions_ended: Number(ended.numDeletedRows) },
      });
      await enqueueUserMail(trx, user, "blocked", { reason: input.reason });
      return ok();
    });
  } catch (error) {
    if (isLastAdminRefusal(error)) return refuse(409, "users.errors.lastAdmin");
    throw error;
  }
}

/** Lifts a block, with a reason: the person may sign in again (earlier sessions stay ended), is told by mail; audited. */
export async function unblockUser(db: Db, actor: Actor, userId: string, input: UnblockUserInput): Promise<Outcome> {
  if (!USER_ID.test(userId)) return refuse(404, "users.errors.notFound");
  return db.transaction().execute(async (trx) => {
    const user = await lockUser(trx, userId);
    if (!user) return refuse(404, "users.errors.notFound");
    if (!user.blocked_at) return refuse(409, "users.errors.notBlocked");
    await trx
      .updateTable("app_user")
      .set({ blocked_at: null, blocked_reason: null, updated_at: sql<Date>`now()` })
      .where("id", "=", userId)
      .execute();
    await writeAudit(trx, actor, {
      action: "user.unblock",
      entityType: "user",
      entityId: userId,
      before: { blocked_at: user.blocked_at, blocked_reason: user.blocked_reason },
      after: { blocked_at: null, reason: input.reason },
    });
    await enqueueUserMail(trx, user, "unblocked");
    return ok();
  });
}

/**
 * Mails the person a new verification link (as sign-up does), unless the address is confirmed
 * already; limited per account like every mail a request can send; audited.
 */
export async function resendVerificationFor(db: Db, actor: Actor, userId: string): Promise<Outcome> {
  if (!USER_ID.test(userId)) return refuse(404, "users.errors.notFound");
  const user = await db
    .selectFrom("app_user")
    .select(["id", "name", "email", "locale", "email_verified_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return refuse(404, "users.errors.notFound");
  if (user.email_verified_at) return refuse(409, "users.errors.alreadyVerified");
  const wait = await hit("mailAccount", user.id);
  if (wait) return refuse(429, "errors.tooMany", { retryAfter: wait });
  const { token, hash } = newToken();
  await db.transaction().execute(async (trx) => {
    await insertToken(trx, "email_verification_token", user.id, hash, VERIFY_TTL_SECONDS);
    await enqueueMail(trx, {
      to: user.email,
      locale: user.locale,
      template: "verify",
      name: user.name,
      link: `${config().origin}/e-mail-bevestigen?token=${encodeURIComponent(token)}`,
    });
    await writeAudit(trx, actor, { action: "user.verification.resend", entityType: "user", entityId: user.id });
  });
  return ok();
}
