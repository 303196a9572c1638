import { CompiledQuery, sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type pg from "pg";
import { createDb } from "../db/connection";
export { PREPARED } from "../db/connection";
export { isDatabaseUnavailable, retryWhileUnavailable } from "../db/errors";
import type { DB } from "../db/types";
import { config } from "~/config.server";
import { trackPool, untrackPool } from "~/lib/metrics.server";
import { logger } from "~/logger.server";

export type Db = Kysely<DB>;
/** What repositories take first: the pool, or a transaction a service opened. */
export type DbOrTrx = Kysely<DB> | Transaction<DB>;

/**
 * One pool per process. The app is bundled twice into one process (the Remix build and build/server.mjs,
 * which runs the mail worker and timers), and each bundle has its own copy of this module: the pool lives
 * on globalThis so both use the same connections, and DB_POOL_MAX is the process's limit, not half of it.
 */
const SHARED = Symbol.for("lauwer.db");
type Instance = { db: Db; pool: pg.Pool };
const shared = globalThis as unknown as { [SHARED]?: Instance };

function connect() {
  let instance = shared[SHARED];
  if (!instance) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (the server sets it after starting PostgreSQL)");
    instance = createDb(url, {
      max: config().DB_POOL_MAX,
      connectRetryMs: config().DB_CONNECT_RETRY_MS,
      connectTimeoutMs: config().DB_CONNECT_TIMEOUT_MS,
      // A broken connection is expected now and then (restart, failover): the pool replaces it.
      onConnectionError: (err) =>
        logger.warn({ err: { message: err.message, code: (err as { code?: string }).code } }, "database connection lost"),
    });
    trackPool(instance.pool);
    shared[SHARED] = instance;
  }
  return instance;
}

/** The process-wide Kysely instance; DATABASE_URL is set by the server before first use. */
export function getDb(): Db {
  return connect().db;
}

/** The underlying pg pool, for libraries that speak to PostgreSQL themselves (rate limiter). */
export function getPool(): pg.Pool {
  return connect().pool;
}

export async function closeDb(): Promise<void> {
  const instance = shared[SHARED];
  if (instance) {
    const { db, pool } = instance;
    shared[SHARED] = undefined;
    untrackPool(pool);
    await db.destroy();
  }
}

/**
 * A statement built with Kysely once per process and then only bound (ADR 0051): compiling a large
 * statement for every vote cost more of the app's CPU than the rest of its SQL work. `build` names each
 * value that changes per call as a slot; anything else in it must be a literal (`sql.lit`) or a
 * reference, never a plain value, which would be bound once and then repeated for ever: the first
 * compilation refuses a parameter that is not a slot.
 */
export function compiledOnce<Row>(build: (slot: (name: string) => RawBuilder<unknown>) => RawBuilder<Row>) {
  let compiled: { text: string; slots: string[] } | undefined;
  return (values: Readonly<Record<string, unknown>>): CompiledQuery<Row> => {
    if (!compiled) {
      const names = new Map<object, string>();
      const query = build((name) => {
        const token = { slot: name };
        names.set(token, name);
        return sql`${token}`;
      }).compile(getDb());
      const slots = query.parameters.map((p) => {
        const name = typeof p === "object" && p !== null ? names.get(p) : undefined;
        if (name === undefined) throw new Error(`compiledOnce: a value that is not a slot: ${String(p)}`);
        return name;
      });
      compiled = { text: query.sql, slots };
    }
    return CompiledQuery.raw(
      compiled.text,
      compiled.slots.map((name) => {
        if (!(name in values)) throw new Error(`compiledOnce: no value for slot ${name}`);
        return values[name];
      }),
    ) as CompiledQuery<Row>;
  };
}
