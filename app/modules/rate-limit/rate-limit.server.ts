import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { config } from "~/config.server";
import { getPool } from "~/db.server";

// Counters live in PostgreSQL (table rate_limit, created by a migration) so limits hold across processes.

type LimiterName = "loginAccount" | "loginIp" | "mailAccount" | "mailIp" | "voteAccount" | "voteIp" | "juryReminder" | "bookReminder";
const limiters = new Map<LimiterName, RateLimiterPostgres>();

function limiter(name: LimiterName): RateLimiterPostgres {
  let l = limiters.get(name);
  if (!l) {
    const c = config();
    const window = c.LOGIN_THROTTLE_MINUTES * 60;
    const points: Record<LimiterName, number> = {
      loginAccount: c.LOGIN_FAILURES_PER_ACCOUNT,
      loginIp: c.LOGIN_FAILURES_PER_IP,
      mailAccount: 5,
      mailIp: 30,
      voteAccount: c.VOTE_LIMIT_PER_ACCOUNT,
      voteIp: c.VOTE_LIMIT_PER_IP,
      juryReminder: 1,
      bookReminder: 1,
    };
    const durations: Record<LimiterName, number> = {
      loginAccount: window,
      loginIp: window,
      mailAccount: 3600,
      mailIp: 3600,
      voteAccount: 60,
      voteIp: 60,
      juryReminder: 15 * 60,
      bookReminder: 24 * 3600,
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

/** Takes back one counted event (an attempt that turned out to be legitimate). */
export async function giveBack(name: LimiterName, key: string): Promise<void> {
  await limiter(name).reward(key, 1);
}

export async function reset(name: LimiterName, key: string): Promise<void> {
  await limiter(name).delete(key);
}

export async function deleteExpiredRateLimits(): Promise<void> {
  await getPool().query("delete from rate_limit where expire < $1", [Date.now()]);
}
