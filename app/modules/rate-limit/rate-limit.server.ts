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

/** Seconds until the key may try again, or 0 when it is not blocked. */
export async function blockedFor(name: LimiterName, key: string): Promise<number> {
  const res = await limiter(name).get(key);
  if (res && res.remainingPoints <= 0) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return 0;
}

/** Counts one event; returns seconds to wait when this event went over the limit, else 0. */
export async function hit(name: LimiterName, key: string): Promise<number> {
  try {
    await limiter(name).consume(key);
    return 0;
  } catch (e) {
    if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
    throw e;
  }
}

export async function reset(name: LimiterName, key: string): Promise<void> {
  await limiter(name).delete(key);
}

export async function deleteExpiredRateLimits(): Promise<void> {
  await getPool().query("delete from rate_limit where expire < $1", [Date.now()]);
}
