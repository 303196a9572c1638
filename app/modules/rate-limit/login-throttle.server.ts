import { sql, type RawBuilder } from "kysely";
import { config } from "~/config.server";
import type { DbOrTrx } from "~/db.server";
import { ACCOUNT_WIDE_ATTEMPTS, giveBack, hit, KNOWN_PLACE_DAYS, PAIR_MEMORY_SECONDS, reset } from "./rate-limit.server";

// Login throttling (ADR 0020). Three counts, all in PostgreSQL, each attempt counted before its password
// is looked at:
// - per account and address (login_throttle): LOGIN_FAILURES_PER_ACCOUNT attempts go freely, then each
//   next one waits, the wait doubling from FIRST_DELAY_SECONDS up to MAX_DELAY_SECONDS. A delay, never a
//   lock: after the wait the right password gets in. A stranger elsewhere has a count of their own.
// - per address (rate_limit "loginIp"), LOGIN_FAILURES_PER_IP per LOGIN_THROTTLE_MINUTES: stops one
//   address spraying guesses over many accounts;
// - per account from everywhere (rate_limit "loginAccount"), ACCOUNT_WIDE_ATTEMPTS per day: stops a
//   guessing attack spread over many addresses; the owner is mailed an unlock link.
// The last two do not apply where the account signed in before (login_known_ip), so an office behind
// one address, or an owner whose account is attacked, keeps getting in there.

export { ACCOUNT_WIDE_ATTEMPTS };
export const FIRST_DELAY_SECONDS = 15;
export const MAX_DELAY_SECONDS = 15 * 60;

/**
 * Counts one attempt at (account, ip), atomically: a single upsert that only goes through once the
 * previous wait has passed. Returns 0 when the attempt may be verified, else the seconds to wait.
 */
async function claimPairAttempt(db: DbOrTrx, account: string, ip: string): Promise<number> {
  const free = config().LOGIN_FAILURES_PER_ACCOUNT;
  const stale = sql<boolean>`t.updated_at < now() - make_interval(secs => ${PAIR_MEMORY_SECONDS})`;
  const count = sql<number>`(case when ${stale} then 1 else t.attempts + 1 end)`;
  // A free attempt leaves the moment alone (-infinity at first): concurrent attempts whose statements
  // started a little earlier must not find it moved past their own now().
  const nextAllowed = (n: RawBuilder<number>, unchanged: RawBuilder<Date>) =>
    sql<Date>`case when ${n} >= ${free}
      then now() + make_interval(secs => least(${MAX_DELAY_SECONDS}, ${FIRST_DELAY_SECONDS} * power(2, ${n} - ${free})))
      else ${unchanged} end`;
  const claimed = await sql<{ attempts: number }>`
    insert into login_throttle as t (account, ip, attempts, next_allowed_at, updated_at)
    values (${account}, ${ip}, 1, ${nextAllowed(sql<number>`1`, sql<Date>`'-infinity'::timestamptz`)}, now())
    on conflict (account, ip) do update
      set attempts = ${count},
        next_allowed_at = ${nextAllowed(count, sql<Date>`case when ${stale} then '-infinity'::timestamptz else t.next_allowed_at end`)},
        updated_at = now()
      where t.next_allowed_at <= now() or ${stale}
    returning attempts`.execute(db);
  if (claimed.rows.length) return 0;
  const row = await db
    .selectFrom("login_throttle")
    .select(sql<number>`ceil(extract(epoch from next_allowed_at - now()))::int`.as("wait"))
    .where("account", "=", account)
    .where("ip", "=", ip)
    .executeTakeFirst();
  return Math.max(1, row?.wait ?? 1);
}

/** The account with this address signed in from this IP address within KNOWN_PLACE_DAYS. */
async function isKnownPlace(db: DbOrTrx, account: string, ip: string): Promise<boolean> {
  const row = await db
    .selectFrom("login_known_ip as k")
    .innerJoin("app_user as u", "u.id", "k.user_id")
    .select("k.ip")
    .where("u.email", "=", account)
    .where("k.ip", "=", ip)
    .where("k.last_success_at", ">", sql<Date>`now() - make_interval(days => ${KNOWN_PLACE_DAYS})`)
    .executeTakeFirst();
  return row !== undefined;
}

export interface Admission {
  /** Seconds to wait before this account may be tried again from here; 0: verify the password. */
  wait: number;
  /** The wait comes from the attempts at the account from everywhere: its owner may be mailed an unlock link. */
  accountWide: boolean;
}

/**
 * Counts a login attempt (or a check of the current password) at an account from an address, before
 * the password is verified, and says whether it may be verified. N attempts sent at once cost N.
 */
export async function admitLoginAttempt(db: DbOrTrx, account: string, ip: string): Promise<Admission> {
  const [known, pairWait, accountWait, ipWait] = await Promise.all([
    isKnownPlace(db, account, ip),
    claimPairAttempt(db, account, ip),
    hit("loginAccount", account),
    hit("loginIp", ip),
  ]);
  if (known) return { wait: pairWait, accountWide: false };
  return { wait: Math.max(pairWait, accountWait, ipWait), accountWide: accountWait > 0 };
}

/** Remembers an address the account proved itself from (a login, or its owner's unlock link). */
export async function rememberPlace(db: DbOrTrx, userId: string, ip: string): Promise<void> {
  await db
    .insertInto("login_known_ip")
    .values({ user_id: userId, ip })
    .onConflict((oc) => oc.columns(["user_id", "ip"]).doUpdateSet({ last_success_at: sql<Date>`now()` }))
    .execute();
}

/**
 * After the right password: this address's count for the account starts over, the account's count
 * from everywhere too (it counts consecutive failures), the address gets its attempt back, and the
 * address becomes a known place of the account.
 */
export async function loginSucceeded(db: DbOrTrx, user: { id: string; email: string }, ip: string): Promise<void> {
  await Promise.all([
    db.deleteFrom("login_throttle").where("account", "=", user.email).where("ip", "=", ip).execute(),
    reset("loginAccount", user.email),
    giveBack("loginIp", ip),
    rememberPlace(db, user.id, ip),
  ]);
}

/** The owner's unlock link was used from this address: the account-wide count starts over, the address is known. */
export async function unlockAccount(db: DbOrTrx, user: { id: string; email: string }, ip: string): Promise<void> {
  await Promise.all([
    db.deleteFrom("login_throttle").where("account", "=", user.email).where("ip", "=", ip).execute(),
    reset("loginAccount", user.email),
    rememberPlace(db, user.id, ip),
  ]);
}

/** Whether to mail the owner an unlock link now (at most one an hour per account). */
export async function mayMailUnlock(userId: string): Promise<boolean> {
  return (await hit("unlockMail", userId)) === 0;
}
