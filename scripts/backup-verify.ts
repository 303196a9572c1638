import { createDb } from "../db/connection";
import { differences, fingerprint, summary } from "./backup-fingerprint";

// npm run backup:verify -- <original database URL> <restored database URL>
// After a restore drill (docs/deploy.md, "Backup and restore"): compares the restored copy with the
// database it was dumped from — every table's rows, every vote round's tally, every edition's results
// and every published snapshot's hash — and exits 1 on any difference. Only reads.
const [originalUrl, restoredUrl] = process.argv.slice(2);
if (!originalUrl || !restoredUrl) {
  console.error("usage: npm run backup:verify -- <original database URL> <restored database URL>");
  process.exit(2);
}
const original = createDb(originalUrl, 2);
const restored = createDb(restoredUrl, 2);
try {
  const [a, b] = [await fingerprint(original.db), await fingerprint(restored.db)];
  for (const line of summary(b)) console.log(`restored ${line}`);
  const found = differences(a, b);
  if (found.length) {
    for (const d of found) console.error(`DIFFERENT ${d}`);
    process.exitCode = 1;
  } else {
    console.log("backup verified: the restored database has the same rows, tallies, results and published hashes");
  }
} finally {
  await original.db.destroy();
  await restored.db.destroy();
}
