import { sql, type RawBuilder } from "kysely";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { config } from "~/config.server";
import { getPool } from "~/db.server";
import { RETENTION } from "~/modules/privacy/processing";

// Counters live in PostgreSQL (table rate_limit, created by a migration) so limits hold across processes.

export type LimiterName =
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

/** How a counter row takes one more event ($now: the time of the count, in ms): a lapsed window starts again. */
const COUNT_ON_CONFLICT = (now: string) => `on conflict (key) do update set
             points = case when rate_limit.expire <= ${now} then excluded.points else rate_limit.points + excluded.points end,
             expire = case when rate_limit.expire <= ${now} then excluded.expire else rate_limit.expire end
           returning key, points, expire`;

/** The longest wait, in seconds, of the counted rows over their limiter's points (0: none over). */
function longestWait(
  counted: Array<[RateLimiterPostgres, string]>,
  rows: Array<{ key: string; points: number; expire: string | number }>,
  now: number,
) {
  let wait = 0;
  for (const [l, key] of counted) {
    const row = rows.find((r) => r.key === key);
    if (row && row.points > l.points) wait = Math.max(wait, Math.max(1, Math.ceil((Number(row.expire) - now) / 1000)));
  }
  return wait;
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
  const counted: Array<[RateLimiterPostgres, string]> = [];
  const rows = events.map(([name, key], i) => {
    const l = limiter(name);
    counted.push([l, l.getKey(key)]);
    values.push(l.getKey(key), now + l.duration * 1000);
    return `($${2 * i + 2}, 1, $${2 * i + 3}::bigint)`;
  });
  const result = await getPool().query<{ key: string; points: number; expire: string }>({
    name: `lauwer-hit-all-${events.length}`,
    text: `insert into rate_limit (key, points, expire) values ${rows.join(", ")}
           ${COUNT_ON_CONFLICT("$1")}`,
    values,
  });
  return longestWait(counted, result.rows, now);
}

/**
 * The counting of hitAll as parts of a larger statement (ADR 0048, 0051), which reads a row (`from`,
 * one of its common table expressions) and counts one event on each limiter once for that row: `ctes`
 * are `clock` (the time of the count, in ms, from `now`) and `hit` (the upsert, on hitAll's rows in the
 * order given), for the statement's `with`; `over` holds when a counted row went over its limiter's
 * points, and `hits` is what was counted (json), which countedWait reads as hitAll's answer. A key is an SQL
 * expression: a value, or a column of the row read (the person behind a session). The limiters' names
 * and limits are literals of the statement's text: build it once per process (compiledOnce).
 */
export function countingSql(events: Array<[LimiterName, RawBuilder<string>]>, from: string, now: RawBuilder<unknown>) {
  const counted = events.map(([name, key]) => {
    const l = limiter(name);
    return { l, key: sql<string>`(${sql.lit(l.getKey(""))} || ${key})` };
  });
  const ctes = sql`clock as (select ${now}::bigint as ms), hit as (
       insert into rate_limit (key, points, expire)
       select k.key, 1, k.expire from ${sql.table(from)} cross join lateral
         (values ${sql.join(counted.map(({ l, key }, i) => sql`(${sql.lit(i)}, ${key}, (select ms from clock) + ${sql.lit(l.duration * 1000)})`))})
         as k(ord, key, expire)
       order by k.ord
       ${sql.raw(COUNT_ON_CONFLICT("(select ms from clock)"))})`;
  const over = sql<boolean>`exists (select 1 from ${sql.table(from)} cross join lateral
       (values ${sql.join(counted.map(({ l, key }) => sql`(${key}, ${sql.lit(l.points)})`))}) as k(key, points)
       join hit on hit.key = k.key where hit.points > k.points)`;
  const hits = sql<
    Array<[string, number, number]>
  >`(select coalesce(json_agg(json_build_array(hit.key, hit.points, hit.expire)), '[]'::json) from hit)`;
  return { ctes, over, hits };
}

/** The longest wait in seconds (0: within every limit) of what countingSql's `hits` returned, for its events' key values and the time of the count. */
export function countedWait(events: Array<[LimiterName, string]>, hits: Array<[string, number, number]>, nowMs: number): number {
  return longestWait(
    events.map(([name, key]): [RateLimiterPostgres, string] => [limiter(name), limiter(name).getKey(key)]),
    hits.map(([key, points, expire]) => ({ key, points, expire })),
    nowMs,
  );
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
