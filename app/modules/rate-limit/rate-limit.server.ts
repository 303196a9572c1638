import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { config } from "~/config.server";
import { getPool, PREPARED } from "~/db.server";
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

/** The key of an event counted with a row read in the same statement: a text, or one of the row's columns. */
export type HitKey = string | { column: string };

/** readAndHit's statements by their read's text and their limiters' keys (a few; each built once). */
const readAndHitTexts = new Map<string, Map<string, string>>();

/** readAndHit's statement: the same text for the same read and the same kinds of keys (prepared once). */
function readAndHitText(read: { text: string; values: unknown[] }, events: Array<[LimiterName, HitKey]>): string {
  const shape = events.map(([name, key]) => (typeof key === "string" ? name : `${name}:${key.column}`)).join(" ");
  let byShape = readAndHitTexts.get(read.text);
  let text = byShape?.get(shape);
  if (text !== undefined) return text;
  const nowParam = `$${read.values.length + 1}`;
  const keys = events.map(([, key], i) => {
    const p = read.values.length + 2 + 2 * i;
    if (typeof key !== "string" && !/^[a-z_]+$/.test(key.column)) throw new Error(`readAndHit: not a column name: ${key.column}`);
    const keyText = typeof key === "string" ? `$${p}::text` : `$${p}::text || r.${key.column}::text`;
    return `(${i}, ${keyText}, $${p + 1}::bigint)`;
  });
  text = `${PREPARED} with r as (${read.text}),
     hit as (
       insert into rate_limit (key, points, expire)
       select k.key, 1, k.expire from r cross join lateral (values ${keys.join(", ")}) as k(ord, key, expire)
       order by k.ord
       ${COUNT_ON_CONFLICT(nowParam)})
     select r.*, (select coalesce(json_agg(json_build_array(hit.key, hit.points, hit.expire)), '[]'::json) from hit) as hits from r`;
  // Bounded like the prepared statements' names: texts past the first hundred are built each time.
  if (!byShape && readAndHitTexts.size < 100) readAndHitTexts.set(read.text, (byShape = new Map()));
  if (byShape && byShape.size < 100) byShape.set(shape, text);
  return text;
}

/**
 * Reads at most one row and, when there is one, counts one event on each limiter in the same statement
 * (one round trip, ADR 0048): `read` is a query with parameters $1…$n whose text is always the same (it
 * is prepared once per connection); a key can be a column of the row it reads (the person behind a
 * session). Counts exactly as hitAll does, on the same rows in the order given. Returns the row and the
 * longest wait in seconds (0: within every limit); without a row nothing is counted.
 */
export async function readAndHit<Row extends Record<string, unknown>>(
  read: { text: string; values: unknown[] },
  events: Array<[LimiterName, HitKey]>,
): Promise<{ row: Row | undefined; wait: number }> {
  const now = Date.now();
  const values = [...read.values, now];
  for (const [name, key] of events) {
    const l = limiter(name);
    values.push(typeof key === "string" ? l.getKey(key) : l.getKey(""), now + l.duration * 1000);
  }
  const result = await getPool().query<Row & { hits: Array<[string, number, number]> }>(readAndHitText(read, events), values);
  const found = result.rows[0];
  if (!found) return { row: undefined, wait: 0 };
  const { hits, ...row } = found;
  const counted = events.map(([name, key]): [RateLimiterPostgres, string] => {
    const l = limiter(name);
    return [l, l.getKey(typeof key === "string" ? key : String(row[key.column]))];
  });
  return {
    row: row as unknown as Row,
    wait: longestWait(
      counted,
      hits.map(([key, points, expire]) => ({ key, points, expire })),
      now,
    ),
  };
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
