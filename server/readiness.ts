import type { Request, Response } from "express";
import type pg from "pg";
import { getPool } from "~/db.server";
import { migrations } from "../db/migrations/index";

/** The newest migration this build carries: a database without it is not ready for this code. */
export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1)!;

export type Readiness = "ready" | "stopping" | "database unavailable" | "migrations pending";

/**
 * Can this process take new work? Not while it stops, not while PostgreSQL does not answer (one
 * cheap query with a short deadline: the pool's own retry would wait longer), and not before the
 * database holds this build's migrations: a process started on an older schema (migrations not
 * run, or a restore of an older backup) would answer 500s on the first page that needs a new table.
 */
export async function readiness(pool: pg.Pool, stopping: boolean, deadlineMs = 1000): Promise<Readiness> {
  if (stopping) return "stopping";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"database unavailable">(
    (resolve) => (timer = setTimeout(() => resolve("database unavailable"), deadlineMs)),
  );
  const check = pool.query("select 1 from kysely_migration where name = $1", [LATEST_MIGRATION]).then(
    (found): Readiness => (found.rowCount === 1 ? "ready" : "migrations pending"),
    // 42P01: no migration table at all (a database where migrations never ran).
    (error: { code?: string }): Readiness => (error.code === "42P01" ? "migrations pending" : "database unavailable"),
  );
  try {
    return await Promise.race([check, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** GET /readyz for a load balancer or orchestrator: 200 "ready", else 503 with the reason. Touches no session, writes no log. */
export function readyz(lifecycle?: { readonly stopping: boolean }) {
  return (_req: Request, res: Response) => {
    void readiness(getPool(), lifecycle?.stopping ?? false).then((state) =>
      res
        .status(state === "ready" ? 200 : 503)
        .type("text/plain")
        .set("Cache-Control", "no-store")
        .send(state),
    );
  };
}
