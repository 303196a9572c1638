import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { config } from "~/config.server";
import { getPool } from "~/db.server";
import { RETENTION } from "~/modules/privacy/processing";

// Counters live in PostgreSQL (table rate_limit, created by a migration) so limits hold across processes.

type LimiterName =
  | "loginAccount"
  | "loginIp"
  | "unlockMail"
  | "mailAccount"
  | "mailIp"
  | "voteAccount"
  | "voteIp"
  | "juryReminder"
  | "bookReminder"
  | "mfaAccount";

/**
 * Login attempts at one account from all the places it never signed in from, per day, before those
 * are refused and its owner is mailed an unlock link (ADR 0020). Below NIST SP 800-63B's 100.
 */
export const ACCOUNT_WIDE_ATTEMPTS = 100;
const DAY = 24 * 3600;
const limiters = new Map<LimiterName, RateLimiterPostgres>();

function limiter(name: LimiterName): RateLimiterPostgres {
  let l = limiters.get(name);
  if (!l) {
    const c = config();
    const window = c.LOGIN_THROTTLE_MINUTES * 60;
    const points: Record<LimiterName, number> = {
      loginAccount: ACCOUNT_WIDE_ATTEMPTS,
      loginIp: c.LOGIN_FAILURES_PER_IP,
      unlockMail: 1,
      mailAccount: 5,
      mailIp: 30,
      voteAccount: c.VOTE_LIMIT_PER_ACCOUNT,
      voteIp: c.VOTE_LIMIT_PER_IP,
      juryReminder: 1,
      bookReminder: 1,
      // Codes of the second factor (ADR 0024): wrong or replayed ones per account, whatever the address.
      mfaAccount: 5,
    };
    const durations: Record<LimiterName, number> = {
      loginAccount: DAY,
      loginIp: window,
      unlockMail: 3600,
      mailAccount: 3600,
      mailIp: 3600,
      voteAccount: 60,
      voteIp: 60,
      juryReminder: 15 * 60,
      bookReminder: 24 * 3600,
      mfaAccount: window,
    };
    l = new RateLimiterPostgres({
      storeClient: getPool(),
      storeType: "pool",
      tableName: "rate_limit",
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: name,
      points: points[name],
      duration: durations[name],
    });
    limiters.set(name, l);
  }
  return l;
}

/**
 * Counts one event, atomically (one upsert that returns the new count): returns seconds to wait when
 * this event went over the limit, else 0. Count first, then act: never check first and count later.
 */
export async function hit(name: LimiterName, key: string): Promise<number> {
  try {
    await limiter(name).consume(key);
    return 0;
  } catch (e) {
    if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
    throw e;
  }
}

/**
 * Counts one event on each of several limiters in one statement (one round trip, one commit), the same
 * counting as `hit` (rate-limiter-flexible's upsert on the same rows): returns the longest wait, in
 * seconds, of the limits this event went over, else 0. The rows are taken in the order given, so two
 * such statements never wait on each other in a circle.
 */
export async function hitAll(events: Array<[LimiterName, string]>): Promise<number> {
  const now = Date.now();
  const values: unknown[] = [now];
  const rows = events.map(([name, key], i) => {
    const l = limiter(name);
    values.push(l.getKey(key), now + l.duration * 1000);
    return `($${2 * i + 2}, 1, $${2 * i + 3}::bigint)`;
  });
  const result = await getPool().query<{ key: string; points: number; expire: string }>({
    name: `lauwer-hit-all-${events.length}`,
    text: `insert into rate_limit (key, points, expire) values ${rows.join(", ")}
           on conflict (key) do update set
             points = case when rate_limit.expire <= $1 then excluded.points else rate_limit.points + excluded.points end,
             expire = case when rate_limit.expire <= $1 then excluded.expire else rate_limit.expire end
           returning key, points, expire`,
    values,
  });
  let wait = 0;
  for (const [name, key] of events) {
    const l = limiter(name);
    const row = result.rows.find((r) => r.key === l.getKey(key));
    if (row && row.points > l.points) wait = Math.max(wait, Math.max(1, Math.ceil((Number(row.expire) - now) / 1000)));
  }
  return wait;
}

/** Takes back one counted event (an attempt that turned out to be legitimate). */
export async function giveBack(name: LimiterName, key: string): Promise<void> {
  await limiter(name).reward(key, 1);
}

export async function reset(name: LimiterName, key: string): Promise<void> {
  await limiter(name).delete(key);
}

/** A login count per account and address starts over after this long without attempts (ADR 0020; the record of processing). */
export const PAIR_MEMORY_SECONDS = RETENTION.loginAttemptDays * DAY;
/** An address stays a known place of an account for this long after its last successful login (the record of processing). */
export const KNOWN_PLACE_DAYS = RETENTION.knownPlaceDays;

/** Forgets expired counts, login counts nobody added to for a day, and places not used for KNOWN_PLACE_DAYS. */
export async function deleteExpiredRateLimits(): Promise<void> {
  const pool = getPool();
  await pool.query("delete from rate_limit where expire < $1", [Date.now()]);
  await pool.query("delete from login_throttle where updated_at < now() - make_interval(secs => $1) and next_allowed_at < now()", [
    PAIR_MEMORY_SECONDS,
  ]);
  await pool.query("delete from login_known_ip where last_success_at < now() - make_interval(days => $1)", [KNOWN_PLACE_DAYS]);
}
