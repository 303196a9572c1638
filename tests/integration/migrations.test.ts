import pg from "pg";
import { describe, expect, it, inject } from "vitest";
import { createDb } from "../../db/connection";
import { ensureDatabase } from "../../db/database";
import { migrateDown, migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";

describe("migrations", () => {
  it("apply to an empty database, roll all the way down and apply again", async () => {
    const adminUrl = inject("pgAdminUrl");
    const name = `lauwer_test_migrations_${process.env.VITEST_POOL_ID ?? 0}`;
    await ensureDatabase(adminUrl, name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const { db } = createDb(url.toString(), 2);
    try {
      const names = Object.keys(migrations);
      expect(names).toEqual([...names].sort()); // timestamp-named, applied in order
      expect((await migrateToLatest(db)).length).toBe(names.length);
      for (let i = 0; i < names.length; i++) await migrateDown(db);
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      const tables = await client.query(
        "select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%'",
      );
      await client.end();
      expect(tables.rows).toEqual([]);
      expect((await migrateToLatest(db)).length).toBe(names.length);
    } finally {
      await db.destroy();
    }
  });
});
