import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import Cursor from "pg-cursor";
import type { DB } from "./types";

// bigint (bigserial ids, counts) stays a string: JavaScript numbers lose precision past 2^53.
export function createDb(connectionString: string, max = 10): { db: Kysely<DB>; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on("error", () => undefined);
  // pg-cursor lets `.stream()` read large results (exports) in batches instead of all at once.
  return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) }), pool };
}
