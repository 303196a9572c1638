import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, chown, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql, type Kysely } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/types";
import { createDb } from "../../db/connection";
import { hashToken } from "~/modules/accounts/account.server";
import { decideConsent } from "~/modules/awards/consent.server";
import { exportErasureLog, reapplyErasures, type ErasureLogFile } from "~/modules/privacy/erasure-log.server";
import { erasePersonEverywhere } from "~/modules/privacy/person.server";
import { migrateToLatest } from "../../db/migrate";
import { differences, fingerprint, type Fingerprint } from "../../scripts/backup-fingerprint";
import { seed } from "../../seed/seed";
import { readiness } from "../../server/readiness";

// Backup and restore as docs/deploy.md describes it: pg_dump (custom format) of a seeded database,
// restored with pg_restore into an EMPTY server, gives the same rows in every table, the same tallies,
// the same results and the same published hashes — read through the app's own services. An erasure
// made after the backup is applied again from the exported erasure log (docs/privacy.md, ADR 0043).
//
// The embedded PostgreSQL 18 ships no pg_dump, so this test runs its own throw-away clusters of
// Debian's PostgreSQL 15 (the server the CI runs on too): a temp folder, port 5491, unix socket only
// (listen_addresses = ''), never the machine's cluster on 5432. .ci/run installs postgresql-15 when
// pg_dump is missing; without the binaries this test fails (it never skips).

const execFileP = promisify(execFile);
const BIN = process.env.PG15_BINDIR ?? "/usr/lib/postgresql/15/bin";
const PORT = 5491;
const NEEDED = ["initdb", "pg_ctl", "pg_dump", "pg_restore"];
const root = process.getuid?.() === 0;

let dir = "";
let running: string | null = null;

/** A PostgreSQL program, as the `postgres` system user when we are root (initdb and postgres refuse root). */
async function pg(program: string, args: string[]) {
  const file = path.join(BIN, program);
  try {
    return root ? await execFileP("runuser", ["-u", "postgres", "--", file, ...args]) : await execFileP(file, args);
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string };
    throw new Error(`${program} ${args.join(" ")} failed:\n${e.stderr ?? ""}${e.stdout ?? ""}`, { cause: error });
  }
}

/** Rows of any nominee, reference or mail that still name the person (as stored, any case). */
async function countNamed(db: Kysely<DB>, name: string) {
  const pattern = `%${name}%`;
  const r = await sql<{ n: number }>`select (
    (select count(*) from nominee where name ilike ${pattern})
    + (select count(*) from nomination where motivation ilike ${pattern})
    + (select count(*) from outbox_email where body_text ilike ${pattern})
    + (select count(*) from audit_log where after::text ilike ${pattern} or before::text ilike ${pattern}))::int as n`.execute(db);
  return r.rows[0]!.n;
}

const urlFor = (database: string) => `postgresql://postgres@localhost:${PORT}/${database}?host=${encodeURIComponent(dir)}`;

/** A new, empty cluster in `<dir>/<name>`, listening on the unix socket in `<dir>` only, started. */
async function startCluster(name: string) {
  const data = path.join(dir, name);
  await pg("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  await appendFile(
    path.join(data, "postgresql.conf"),
    `\nport = ${PORT}\nunix_socket_directories = '${dir}'\nlisten_addresses = ''\nfsync = off\nfull_page_writes = off\n`,
  );
  await pg("pg_ctl", ["-D", data, "-l", path.join(dir, `${name}.log`), "-w", "-t", "120", "start"]);
  running = data;
}

async function stopCluster() {
  if (!running) return;
  const data = running;
  running = null;
  await pg("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "120", "stop"]);
}

async function createDatabase(name: string) {
  const { db } = createDb(urlFor("postgres"), 1);
  try {
    await sql`create database ${sql.id(name)}`.execute(db);
  } finally {
    await db.destroy();
  }
}

/** npm run backup:verify -- <a> <b>, as an operator runs it: its exit code and what it printed. */
async function verify(a: string, b: string): Promise<{ code: number; output: string }> {
  try {
    const r = await execFileP("npx", ["tsx", "scripts/backup-verify.ts", a, b]);
    return { code: 0, output: r.stdout + r.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

/** Is something listening on the port (on loopback TCP)? Our clusters listen on a socket file only. */
function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/** Fails (never skips) when the PostgreSQL 15 programs are missing, or the port is taken; makes the temp folder. */
async function prepare() {
  const missing = NEEDED.filter((p) => !existsSync(path.join(BIN, p)));
  if (missing.length) {
    throw new Error(
      `Backup test needs PostgreSQL 15's ${missing.join(", ")} in ${BIN} (the embedded PostgreSQL has no pg_dump). ` +
        `Install Debian's package: apt-get install postgresql-15 (.ci/run does), or set PG15_BINDIR.`,
    );
  }
  if (await portTaken(PORT)) throw new Error(`port ${PORT} (this test's own PostgreSQL) is taken: stop what runs there`);
  dir = await mkdtemp(path.join(os.tmpdir(), "lauwer-backup-"));
  if (root) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    await chown(dir, id("-u"), id("-g"));
  }
}

afterAll(async () => {
  await stopCluster().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
}, 120_000);

describe("backup and restore", () => {
  it("pg_dump of a seeded database, pg_restore into an empty server: same rows, tallies, results and published hashes", async () => {
    // 1. The running installation: migrated and seeded with the demo (past editions with votes, jury
    //    scores and published results; the book project), as a fresh server is.
    await prepare();
    await startCluster("original");
    await createDatabase("lauwer");
    const original = createDb(urlFor("lauwer"), 2);
    let before: Fingerprint;
    try {
      await migrateToLatest(original.db);
      await seed(original.db);
      before = await fingerprint(original.db);
    } finally {
      await original.db.destroy();
    }
    // Something worth restoring: votes, scores, published snapshots whose hash is their body's.
    for (const table of ["app_user", "nominee", "ballot", "ballot_choice", "jury_score", "result_snapshot", "audit_log"]) {
      expect(before.tables[table]?.rows, table).toBeGreaterThan(0);
    }
    expect(Object.keys(before.tallies).length).toBeGreaterThan(0);
    expect(before.snapshots.length).toBeGreaterThan(0);
    for (const s of before.snapshots) expect(s.bodySha256).toBe(s.sha256);

    // 2. The backup: one custom-format file of the running server's database.
    const dump = path.join(dir, "lauwer.dump");
    await pg("pg_dump", ["-h", dir, "-p", String(PORT), "-U", "postgres", "-Fc", "-f", dump, "lauwer"]);
    expect(existsSync(dump)).toBe(true);

    // 2b. After the backup, a person is erased on request (ADR 0043): the erasure log (ids only) is
    //     exported, as docs/privacy.md tells the operator to do with every backup.
    const live = createDb(urlFor("lauwer"), 2);
    let erasedName = "";
    let declined = { id: "", name: "" };
    let log: ErasureLogFile;
    try {
      const person = await live.db
        .selectFrom("nominee")
        .select(["id", "name"])
        .where("kind", "=", "person")
        .where("status", "=", "approved")
        .orderBy("name", "desc")
        .executeTakeFirstOrThrow();
      erasedName = person.name;
      const done = await erasePersonEverywhere(live.db, { actorId: null }, { names: [person.name], emails: [] }, "own_request", {
        action: "person.erase",
        entityType: "person",
        entityId: null,
      });
      expect(done.ok).toBe(true);
      expect(await countNamed(live.db, erasedName)).toBe(0);
      // ...and a nominee waiting for their consent declines it through their mailed link: their data
      // goes at once, and the decline is logged too.
      const waiting = await live.db
        .selectFrom("nominee")
        .select(["id", "name"])
        .where("kind", "=", "person")
        .where("consent_status", "=", "pending")
        .where("redacted_at", "is", null)
        .orderBy("name")
        .executeTakeFirstOrThrow();
      declined = waiting;
      const token = "backup-test-consent-link-0123456789";
      await live.db
        .insertInto("nominee_consent_token")
        .values({ token_hash: hashToken(token), nominee_id: waiting.id, expires_at: new Date(Date.now() + 86_400_000) })
        .execute();
      expect(await decideConsent(live.db, token, "decline")).toEqual({ ok: true, value: { decision: "decline" } });
      expect(await countNamed(live.db, waiting.name)).toBe(0);
      log = await exportErasureLog(live.db);
      expect(log.entries.map((e) => e.action)).toEqual(["person.erase", "nominee.decline"]);
      expect(log.entries[1]!.nominee_ids[0]).toBe(waiting.id);
      expect(JSON.stringify(log)).not.toContain(erasedName);
      expect(JSON.stringify(log)).not.toContain(waiting.name);
    } finally {
      await live.db.destroy();
    }

    // 3. The original server is gone; a new, empty one gets the backup.
    await stopCluster();
    await startCluster("restored");
    await createDatabase("lauwer");
    await pg("pg_restore", ["-h", dir, "-p", String(PORT), "-U", "postgres", "--no-owner", "--exit-on-error", "-d", "lauwer", dump]);

    const restored = createDb(urlFor("lauwer"), 2);
    try {
      const after = await fingerprint(restored.db);
      expect(differences(before, after)).toEqual([]);
      expect(after).toEqual(before);
      // The restored database serves this build: /readyz would answer 200.
      expect(await readiness(restored.pool, false)).toBe("ready");

      // The operator's check (npm run backup:verify) after a restore drill: the same dump restored
      // once more beside it compares equal...
      await createDatabase("lauwer_again");
      await pg("pg_restore", [
        "-h",
        dir,
        "-p",
        String(PORT),
        "-U",
        "postgres",
        "--no-owner",
        "--exit-on-error",
        "-d",
        "lauwer_again",
        dump,
      ]);
      const same = await verify(urlFor("lauwer"), urlFor("lauwer_again"));
      expect(same.code, same.output).toBe(0);
      expect(same.output).toContain("backup verified");

      // ...and sees a change: one candidate renamed after the restore.
      await sql`update nominee set name = name || ' (gewijzigd)' where id = (select id from nominee order by id limit 1)`.execute(
        restored.db,
      );
      const changed = differences(before, await fingerprint(restored.db));
      expect(changed.some((d) => d.startsWith("table nominee:"))).toBe(true);
      const different = await verify(urlFor("lauwer"), urlFor("lauwer_again"));
      expect(different.code, different.output).toBe(1);
      expect(different.output).toContain("DIFFERENT table nominee:");
    } finally {
      await restored.db.destroy();
    }

    // 4. The backup predates the erasure, so the person is back; the exported log erases them again
    //    (npm run privacy:erasures -- reapply <file>), and a second run changes nothing.
    const again = createDb(urlFor("lauwer_again"), 2);
    try {
      expect(await countNamed(again.db, erasedName)).toBeGreaterThan(0);
      expect(await countNamed(again.db, declined.name)).toBeGreaterThan(0);
      expect(await reapplyErasures(again.db, log!)).toEqual({ applied: 2, recorded: 0, known: 0 });
      expect(await countNamed(again.db, erasedName)).toBe(0);
      // The decline again, and no more: declined and redacted, not erased (the nominators were told once).
      expect(await countNamed(again.db, declined.name)).toBe(0);
      const nominee = await again.db.selectFrom("nominee").selectAll().where("id", "=", declined.id).executeTakeFirstOrThrow();
      expect(nominee).toMatchObject({ consent_status: "declined", name: "", contact_email: null, erased_at: null });
      expect(nominee.redacted_at).not.toBeNull();
      const logged = await again.db.selectFrom("erasure_log").select(["id"]).orderBy("at").execute();
      expect(logged.map((r) => r.id)).toEqual(log!.entries.map((e) => e.id));
      const settled = await fingerprint(again.db);
      expect(await reapplyErasures(again.db, log!)).toEqual({ applied: 0, recorded: 0, known: 2 });
      expect(differences(settled, await fingerprint(again.db))).toEqual([]);
    } finally {
      await again.db.destroy();
    }
    console.info(
      `backup: ${Object.keys(before.tables).length} tables, ${Object.values(before.tables).reduce((n, t) => n + t.rows, 0)} rows, ` +
        `${Object.keys(before.tallies).length} tallies, ${Object.keys(before.results).length} editions' results, ` +
        `${before.snapshots.length} published hashes: identical after pg_restore`,
    );
  });
});
