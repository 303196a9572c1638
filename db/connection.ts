import { createHash } from "node:crypto";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import Cursor from "pg-cursor";
import { isDatabaseUnavailable, retryWhileUnavailable } from "./errors";
import type { DB } from "./types";

export interface DbOptions {
  /** Most connections this process opens. */
  max?: number;
  /** How long a checkout keeps trying to open a connection while the server is unreachable (restart, failover). */
  connectRetryMs?: number;
  /** How long a checkout waits for a free or new connection before it fails as unavailable (pg's connectionTimeoutMillis). */
  connectTimeoutMs?: number;
  /** Told about every connection that broke (the pool drops it and opens a new one when needed). */
  onConnectionError?: (error: Error) => void;
}

/**
 * A pg pool that survives the server going away:
 * - every client has an error listener for its whole life. pg-pool listens on idle clients only, so a
 *   connection that broke while checked out (pg_terminate_backend, a restart, a network reset) emitted
 *   an unhandled 'error' event and ended the process. Now the query in flight fails, the client is
 *   discarded on release (pg-pool drops clients that are no longer queryable) and the next checkout
 *   opens a fresh connection.
 * - opening a connection is retried for a few seconds while the server refuses it (restarting,
 *   starting up): nothing was sent yet, so a retry is always safe, and a request during a short
 *   restart waits instead of failing. Both promise and callback checkouts (pool.query) go through it.
 */
/**
 * Marks a statement to run as a named prepared statement: PostgreSQL parses and plans it once per
 * connection instead of on every run (ADR 0046). For the statements of the hot paths only (the session
 * of every request, the ballot), each with a fixed text: put it first in a `sql` template, or after
 * `select` with Kysely's `modifyFront(sql.raw(PREPARED))`. Its parameters stay parameters.
 */
export const PREPARED = "/* lauwer:prepared */";
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    // The same text gets the same name in every process and on every connection; another text another name.
    name = `lauwer_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    if (statementNames.size < 1000) statementNames.set(text, name);
  }
  return name;
}

/**
 * pg's client, which runs a statement marked PREPARED as a named prepared statement (pg parses it on a
 * connection the first time, and binds it after). Every other query, and every other way of calling
 * `query`, goes to pg unchanged.
 */
export class PreparingClient extends pg.Client {
  // pg's query has many overloads; only (text, values) as Kysely and pool.query call it is rewritten.
  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    if (typeof text === "string" && text.slice(0, 40).includes(PREPARED) && (values === undefined || Array.isArray(values))) {
      args = [{ name: statementName(text), text, values }, callback];
    }
    return (pg.Client.prototype.query as (...a: unknown[]) => never).apply(this, args);
  }
}

class ResilientPool extends pg.Pool {
  constructor(
    config: pg.PoolConfig,
    private readonly connectRetryMs: number,
    private readonly onConnectionError: (error: Error) => void,
  ) {
    super(config);
    this.on("connect", (client) => client.on("error", (error) => this.onConnectionError(error)));
    // An idle client losing its connection: pg-pool removes it; we only log it.
    this.on("error", (error) => this.onConnectionError(error));
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    const checkout = retryWhileUnavailable(() => super.connect(), this.connectRetryMs);
    if (!callback) return checkout;
    checkout.then(
      (client) => callback(undefined, client, (release) => client.release(release as Error | boolean | undefined)),
      (error: Error) => callback(error, undefined, () => undefined),
    );
  }
}

// A calendar day (date: a privacy request's received and due days) stays its yyyy-mm-dd text: pg's
// default makes it a Date at local midnight, which is the day before once shown or sent in UTC.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

// bigint (bigserial ids, counts) stays a string: JavaScript numbers lose precision past 2^53.
export function createDb(connectionString: string, options: DbOptions | number = {}): { db: Kysely<DB>; pool: pg.Pool } {
  const o = typeof options === "number" ? { max: options } : options;
  const pool = new ResilientPool(
    {
      connectionString,
      max: o.max ?? 10,
      // PGAPPNAME (read by pg) names this process's backends in pg_stat_activity.
      application_name: process.env.PGAPPNAME ?? "lauwer",
      // A checkout that gets no connection within this time (none free, or the server does not accept
      // one) fails as unavailable: the request is answered 503 with Retry-After.
      connectionTimeoutMillis: o.connectTimeoutMs ?? 5000,
      keepAlive: true,
      Client: PreparingClient,
    },
    o.connectRetryMs ?? 3000,
    o.onConnectionError ?? (() => undefined),
  );
  // pg-cursor lets `.stream()` read large results (exports) in batches instead of all at once.
  return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) }), pool };
}

export { isDatabaseUnavailable, retryWhileUnavailable };
