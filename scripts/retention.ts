import { closeDb, getDb } from "~/db.server";
import { config } from "~/config.server";
import { describeReport, runRetention } from "~/modules/privacy/retention.server";
import { resolveDatabase } from "../db/database";
import { migrateToLatest } from "../db/migrate";

// npm run privacy:retention — anonymises every edition whose retention period has passed (the server
// process does the same every hour) and prints what it did. Against DATABASE_URL, or the embedded
// server in DATA_DIR.
const { embedded } = await resolveDatabase(config().DATA_DIR);
try {
  const db = getDb();
  await migrateToLatest(db);
  const reports = await runRetention(db);
  if (!reports.length) console.log("retention: no edition is due for anonymisation");
  for (const r of reports) console.log(`retention: ${describeReport(r)}`);
} finally {
  await closeDb();
  await embedded?.stop();
}
