import { readFile } from "node:fs/promises";
import { closeDb, getDb } from "~/db.server";
import { config } from "~/config.server";
import { ErasureLogFileSchema, exportErasureLog, reapplyErasures } from "~/modules/privacy/erasure-log.server";
import { resolveDatabase } from "../db/database";
import { migrateToLatest } from "../db/migrate";

// npm run privacy:erasures -- export            prints the erasure log (ids only) as JSON: keep it with
//                                                every backup, apart from it (docs/privacy.md, ADR 0043)
// npm run privacy:erasures -- reapply <file>     after a restore: applies again every erasure in the file
//                                                that the restored database does not hold
// Against DATABASE_URL, or the embedded server in DATA_DIR.
const [command, file] = process.argv.slice(2);
if (command !== "export" && !(command === "reapply" && file)) {
  console.error("usage: npm run privacy:erasures -- export > erasures.json | reapply erasures.json");
  process.exit(2);
}
const { embedded } = await resolveDatabase(config().DATA_DIR);
let code = 0;
try {
  const db = getDb();
  await migrateToLatest(db);
  if (command === "export") {
    process.stdout.write(`${JSON.stringify(await exportErasureLog(db), null, 2)}\n`);
  } else {
    const parsed = ErasureLogFileSchema.safeParse(JSON.parse(await readFile(file!, "utf8")));
    if (!parsed.success) {
      console.error(`erasures: ${file} is not an erasure log (lauwer-erasures/1): ${parsed.error.issues[0]?.message ?? ""}`);
      code = 1;
    } else {
      const r = await reapplyErasures(db, parsed.data);
      console.log(`erasures: ${r.applied} applied again, ${r.recorded} recorded with nobody left to erase, ${r.known} already here`);
    }
  }
} finally {
  await closeDb();
  await embedded?.stop();
}
process.exit(code);
