import { rm } from "node:fs/promises";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDb } from "../../db/connection";
import { ensureDatabase } from "../../db/database";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../db/embedded";
import { migrateToLatest } from "../../db/migrate";

export const TEMPLATE = "lauwer_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/**
 * One real PostgreSQL for the run: TEST_DATABASE_URL (an admin connection to an existing server,
 * e.g. Debian's PostgreSQL 15 in CI) or an embedded one in a fresh folder. A migrated template
 * database is built once; each worker copies it (see worker-db.ts).
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dir = `.data/test-postgres-${process.pid}`;
    await rm(dir, { recursive: true, force: true });
    embedded = await startEmbeddedPostgres(dir, { durable: false });
    adminUrl = embedded.adminUrl;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const stale = await admin.query<{ datname: string }>("select datname from pg_database where datname like 'lauwer_test_%'");
  for (const { datname } of stale.rows) await admin.query(`drop database ${admin.escapeIdentifier(datname)} with (force)`);
  await admin.end();

  await ensureDatabase(adminUrl, TEMPLATE);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE}`;
  const { db } = createDb(templateUrl.toString(), 1);
  await migrateToLatest(db);
  await db.destroy();

  project.provide("pgAdminUrl", adminUrl);
  return async () => {
    if (embedded) {
      await embedded.stop();
      await rm(`.data/test-postgres-${process.pid}`, { recursive: true, force: true });
    }
  };
}
