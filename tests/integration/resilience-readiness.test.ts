import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getPool } from "~/db.server";
import { ensureDatabase } from "../../db/database";
import { freePort } from "../../db/embedded";
import { migrations } from "../../db/migrations/index";
import { LATEST_MIGRATION, readiness } from "../../server/readiness";
import { startTestServer, type TestServer } from "../setup/http";

// /readyz tells a load balancer whether this process can take work: PostgreSQL answers AND holds the
// migrations this build needs. A process pointed at a database that lacks them (migrations not run,
// an older backup restored) must stay out of rotation instead of answering 500s.

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

async function readyz() {
  const res = await app.request("/readyz");
  return { status: res.status, body: await res.text(), cache: res.headers.get("cache-control") };
}

describe("/readyz", () => {
  it("is the newest migration of db/migrations/index.ts", () => {
    expect(LATEST_MIGRATION).toBe(Object.keys(migrations).sort().at(-1));
  });

  it("answers 503 'migrations pending' while the newest migration is not recorded, 200 once it is", async () => {
    expect(await readyz()).toEqual({ status: 200, body: "ready", cache: "no-store" });
    const pool = getPool();
    // Kysely's own table (not in db/types.ts): the row it wrote when the migration ran.
    const removed = await pool.query<{ name: string; timestamp: string }>("delete from kysely_migration where name = $1 returning *", [
      LATEST_MIGRATION,
    ]);
    expect(removed.rowCount).toBe(1);
    try {
      expect(await readyz()).toEqual({ status: 503, body: "migrations pending", cache: "no-store" });
    } finally {
      await pool.query("insert into kysely_migration (name, timestamp) values ($1, $2)", [
        removed.rows[0]!.name,
        removed.rows[0]!.timestamp,
      ]);
    }
    expect(await readyz()).toEqual({ status: 200, body: "ready", cache: "no-store" });
  });

  it("says 'migrations pending' for a database where migrations never ran, and 'database unavailable' when nothing answers", async () => {
    const adminUrl = inject("pgAdminUrl");
    const name = `lauwer_test_empty_${process.env.VITEST_POOL_ID ?? "0"}`;
    await ensureDatabase(adminUrl, name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const empty = new pg.Pool({ connectionString: url.toString(), max: 1 });
    const nowhere = new pg.Pool({ connectionString: `postgres://postgres:x@127.0.0.1:${await freePort()}/postgres`, max: 1 });
    try {
      expect(await readiness(empty, false)).toBe("migrations pending");
      expect(await readiness(nowhere, false)).toBe("database unavailable");
      // Stopping wins over everything: the load balancer takes the process out first.
      expect(await readiness(empty, true)).toBe("stopping");
    } finally {
      await empty.end();
      await nowhere.end();
    }
  });
});
