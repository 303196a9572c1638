import { Migrator, type MigrationResultSet } from "kysely";
import type { Kysely } from "kysely";

// Migrations run against whatever schema exists, not the app's DB type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
import { migrations } from "./migrations/index";

function migrator(db: AnyDb): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "kysely_migration",
    migrationLockTableName: "kysely_migration_lock",
  });
}

function check({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`migration ${failed?.migrationName ?? "?"} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).map((r) => `${r.direction} ${r.migrationName}`);
}

/** Applies every pending migration (Kysely takes a lock, so concurrent starts are safe). */
export async function migrateToLatest(db: AnyDb): Promise<string[]> {
  return check(await migrator(db).migrateToLatest());
}

export async function migrateDown(db: AnyDb): Promise<string[]> {
  return check(await migrator(db).migrateDown());
}
