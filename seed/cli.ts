import { closeDb, getDb } from "~/db.server";
import { config } from "~/config.server";
import { resolveDatabase } from "../db/database";
import { migrateDown, migrateToLatest } from "../db/migrate";
import { printAccounts, seed } from "./seed";

// npm run db:migrate | db:rollback | seed — against DATABASE_URL, or the embedded server in DATA_DIR.
const command = process.argv[2];
const { embedded } = await resolveDatabase(config().DATA_DIR);
try {
  const db = getDb();
  if (command === "migrate") console.log((await migrateToLatest(db)).join("\n") || "up to date");
  else if (command === "rollback") console.log((await migrateDown(db)).join("\n"));
  else if (command === "seed") {
    await migrateToLatest(db);
    printAccounts(await seed(db));
  } else {
    console.error("usage: tsx seed/cli.ts migrate|rollback|seed");
    process.exitCode = 2;
  }
} finally {
  await closeDb();
  await embedded?.stop();
}
