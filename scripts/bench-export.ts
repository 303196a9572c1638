// Export benchmark: the anonymised ballots export (CSV) of an edition with 1,000,000 ballots, streamed
// through the app (GET …/export/stemmen.csv as an organizer), against PostgreSQL's own
// COPY (the same rows, the same order) TO STDOUT in the same run. Prints the time ratio and the app
// process's peak resident memory while it streams. Traffic only to 127.0.0.1.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { DB } from "../db/types";

export interface ExportFigures {
  rows: number;
  app: { ms: number; bytes: number; peakRssMb: number; rssBeforeMb: number };
  copy: { ms: number; bytes: number };
  runs: { appMs: number[]; copyMs: number[] };
  /** The same rows as XLSX and JSON through the app, one run each (BENCH_EXPORT_OTHERS=0 leaves them out). */
  others: Array<{ format: "xlsx" | "json"; ms: number; bytes: number; peakRssMb: number }>;
}

const RUNS = 2;
const OTHERS = process.env.BENCH_EXPORT_OTHERS !== "0";

/** Resident memory of a process in MB (Linux /proc), or NaN where /proc is missing. */
async function rssMb(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/** The same rows as the app's ballots export (ballot choices of the edition, same joins and order), by COPY. */
function copySql(editionId: string): string {
  // Literal id (a uuid from our own database): COPY takes no bind parameters.
  if (!/^[0-9a-f-]{36}$/.test(editionId)) throw new Error("bad edition id");
  return `copy (
    select r.position, r.name_nl, c.name_nl, md5(e.export_salt || b.voter_id::text) as voter, b.version, b.cast_at, b.updated_at,
      ch.rank, ch.nominee_id, n.name, b.voided_at is not null as voided, b.void_reason
    from ballot_choice ch
    join ballot b on b.id = ch.ballot_id and b.category_id = ch.category_id
    join round r on r.id = b.round_id and r.edition_id = b.edition_id
    join category c on c.id = b.category_id
    join nominee n on n.id = ch.nominee_id
    join edition e on e.id = b.edition_id
    where b.edition_id = '${editionId}'
    order by r.position, c.position, b.cast_at, b.id, ch.rank
  ) to stdout with (format csv, header)`;
}

function counter() {
  let bytes = 0;
  let lines = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      done();
    },
  });
  return { sink, totals: () => ({ bytes, lines }) };
}

async function timeCopy(url: string, editionId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { sink, totals } = counter();
    const t0 = performance.now();
    await pipeline(client.query(copyTo(copySql(editionId))), sink);
    return { ms: performance.now() - t0, ...totals() };
  } finally {
    await client.end();
  }
}

async function timeApp(exportUrl: string, cookie: string, appPid: number) {
  let peak = 0;
  const sample = setInterval(() => {
    void rssMb(appPid).then((mb) => (peak = Math.max(peak, mb)));
  }, 50);
  try {
    const { sink, totals } = counter();
    const t0 = performance.now();
    const res = await fetch(exportUrl, { headers: { cookie } });
    if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}`);
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await new Promise<void>((resolve, reject) => sink.write(value, (e) => (e ? reject(e) : resolve())));
    }
    const ms = performance.now() - t0;
    peak = Math.max(peak, await rssMb(appPid));
    return { ms, peak, ...totals() };
  } finally {
    clearInterval(sample);
  }
}

export async function benchExport(
  db: Kysely<DB>,
  opts: { url: string; origin: string; appPid: number; awardSlug: string; log?: (line: string) => void },
): Promise<ExportFigures> {
  const log = opts.log ?? (() => undefined);
  const edition = await db
    .selectFrom("edition as e")
    .innerJoin("award as a", "a.id", "e.award_id")
    .select(["e.id", "e.year", "a.id as award_id"])
    .where("a.slug", "=", opts.awardSlug)
    .executeTakeFirstOrThrow();
  const count = await sql<{ n: number }>`select count(*)::int as n from ballot_choice ch join ballot b on b.id = ch.ballot_id
    where b.edition_id = ${edition.id}`.execute(db);
  const rows = count.rows[0]!.n;
  // An organizer of the bench award, signed in.
  const organizer = await db
    .insertInto("app_user")
    .values({ email: "exporteur@bench.test", name: "Exporteur", password_hash: "x", email_verified_at: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("role_grant")
    .values({ user_id: organizer.id, role: "organizer", award_id: edition.award_id, edition_id: null, book_project_id: null })
    .execute();
  const sessionId = randomBytes(20).toString("hex");
  await db
    .insertInto("user_session")
    .values({
      id: sessionId,
      user_id: organizer.id,
      expires_at: sql`now() + interval '2 hours'`,
      absolute_expires_at: sql`now() + interval '12 hours'`,
      // Signed in completely: an organizer's pages need the second factor (ADR 0024).
      second_factor_at: sql`now()`,
    })
    .execute();
  const cookie = `lauwer_session=${sessionId}`;
  const exportBase = `${opts.origin}/beheer/prijzen/${opts.awardSlug}/${edition.year}/export/stemmen`;
  const exportUrl = `${exportBase}.csv`;

  const rssBefore = await rssMb(opts.appPid);
  const appRuns: Awaited<ReturnType<typeof timeApp>>[] = [];
  const copyRuns: Awaited<ReturnType<typeof timeCopy>>[] = [];
  for (let i = 0; i < RUNS; i++) {
    copyRuns.push(await timeCopy(opts.url, edition.id));
    log(`export: COPY ${rows} rows in ${copyRuns.at(-1)!.ms.toFixed(0)} ms`);
    appRuns.push(await timeApp(exportUrl, cookie, opts.appPid));
    log(
      `export: app ${appRuns.at(-1)!.lines - 1} rows in ${appRuns.at(-1)!.ms.toFixed(0)} ms, peak RSS ${appRuns.at(-1)!.peak.toFixed(0)} MB`,
    );
  }
  for (const r of [...appRuns, ...copyRuns]) {
    // Header line + one line per row (no field of these exports contains a line break).
    if (r.lines !== rows + 1) throw new Error(`export wrote ${r.lines - 1} rows, expected ${rows}`);
  }
  const others: ExportFigures["others"] = [];
  for (const format of OTHERS ? (["xlsx", "json"] as const) : []) {
    const r = await timeApp(`${exportBase}.${format}`, cookie, opts.appPid);
    log(`export: app ${format} in ${r.ms.toFixed(0)} ms, ${(r.bytes / 1e6).toFixed(0)} MB, peak RSS ${r.peak.toFixed(0)} MB`);
    others.push({ format, ms: r.ms, bytes: r.bytes, peakRssMb: r.peak });
  }
  const best = <T extends { ms: number }>(runs: T[]) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const app = best(appRuns);
  const copy = best(copyRuns);
  return {
    rows,
    app: { ms: app.ms, bytes: app.bytes, peakRssMb: Math.max(...appRuns.map((r) => r.peak)), rssBeforeMb: rssBefore },
    copy: { ms: copy.ms, bytes: copy.bytes },
    runs: { appMs: appRuns.map((r) => r.ms), copyMs: copyRuns.map((r) => r.ms) },
    others,
  };
}
