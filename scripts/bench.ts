// npm run bench — throughput through the app, each figure as a ratio against a baseline measured
// in the same run on the same machine. Bounded in time; traffic only to 127.0.0.1.
import { availableParallelism } from "node:os";
import { rm } from "node:fs/promises";
import { verify } from "@node-rs/argon2";
import autocannon from "autocannon";
import { sql } from "kysely";
import { createDb } from "../db/connection";
import { ensureDatabase } from "../db/database";
import { startEmbeddedPostgres } from "../db/embedded";
import { migrateToLatest } from "../db/migrate";
import { seed } from "../seed/seed";
import { hashPassword } from "../app/auth/password.server";
import { listHomeContent } from "../app/modules/home/home.server";
import { listCandidates } from "../app/modules/awards/candidates.server";
import { loadProject } from "../app/modules/book/project.server";
import { PUBLIC_STATUSES } from "../app/modules/book/proposal.schema";
import { listProposals } from "../app/modules/book/proposal.server";
import { startBuiltApp } from "./bench-app";
import { benchExport, type ExportFigures } from "./bench-export";
import { benchTally, fillAnonymousBallots, logCost, type TallyFigures } from "./bench-tally";
import { benchVote, formatCpu, seedBallotsOnly, setUpRound, type VoteFigures } from "./bench-vote";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const DEMO_PASSWORD = "bench wachtwoord 2026";
const EXPORT_HEAP_MB = Number(process.env.BENCH_EXPORT_HEAP_MB ?? 96);
/**
 * BENCH_ONLY=export measures the export figures alone (its ballots seeded without the vote figures);
 * BENCH_ONLY=tally only the tally pages (on anonymous ballots, without the vote bench's voters);
 * BENCH_ONLY=vote only the vote figures (one process, all cores, and the tally they fill); unset: everything.
 */
const ONLY = process.env.BENCH_ONLY ?? "";
if (!["", "export", "tally", "vote"].includes(ONLY)) throw new Error(`BENCH_ONLY: "export", "tally", "vote" or unset, not "${ONLY}"`);

/** Runs `task` from `workers` concurrent loops for SECONDS; returns completed operations per second. */
async function opsPerSecond(workers: number, task: () => Promise<unknown>): Promise<number> {
  const deadline = Date.now() + SECONDS * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < deadline) {
        await task();
        done++;
      }
    }),
  );
  return done / SECONDS;
}

/** autocannon against the app; fails the bench when any answer is not the expected status class. */
async function http(url: string, opts: Partial<autocannon.Options> = {}, expect: "2xx" | "3xx" = "2xx") {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...opts });
  const good = expect === "2xx" ? r["2xx"] : r["3xx"];
  if (r.errors || good !== r.requests.total) throw new Error(`${url}: ${r.requests.total - good} unexpected answers, ${r.errors} errors`);
  return { rps: r.requests.average, p99: r.latency.p99 };
}

const dir = ".data/bench";
await rm(dir, { recursive: true, force: true });
const pgServer = await startEmbeddedPostgres(`${dir}/postgres`);
await ensureDatabase(pgServer.adminUrl, "lauwer_bench");
const url = pgServer.urlFor("lauwer_bench");
const { db } = createDb(url, CONNECTIONS);
await migrateToLatest(db);
process.env.DEMO_PASSWORD = DEMO_PASSWORD;
await seed(db);

/**
 * The built app as one process: the figures are per process (ADR 0034 runs one worker per core by default).
 * Without the page cache (ADR 0039): the page figures measure rendering, and the tally pages the tally;
 * the cache has its own figure.
 */
function startApp(extraEnv: Record<string, string> = {}) {
  return startBuiltApp(url, { WEB_CONCURRENCY: "1", PAGE_CACHE_SECONDS: "0", ...extraEnv });
}

let app: Awaited<ReturnType<typeof startApp>>["proc"];
let origin: string;
try {
  ({ proc: app, origin } = await startApp());
} catch (error) {
  await db.destroy();
  await pgServer.stop();
  throw error;
}

/** Table rows of the tally figure: each page's p95 through the app against the full recount's p95 (higher ratio: faster than the recount). */
function tallyRows(t: TallyFigures): Array<[string, string, string, string]> {
  const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
  return t.pages.map((p) => [
    `tally page p95, ${t.ballots.toLocaleString("en")} ballots: ${p.name}`,
    `p95 ${ms(p.idle.p95)} ms (p50 ${ms(p.idle.p50)}, ${p.idle.n} requests); with ballots arriving p95 ${ms(p.arriving.p95)} ms`,
    `p95 ${ms(t.recount.p95)} ms (full recount, recountTally on pg, ${t.recount.n} runs)`,
    (t.recount.p95 / p.idle.p95).toFixed(1),
  ]);
}
function printTally(t: TallyFigures) {
  console.log(
    `\ntally: ${t.ballots} ballots; first read after they were written unread (folds them all) ${t.firstFoldMs.toFixed(0)} ms;` +
      ` full recount p50 ${t.recount.p50.toFixed(0)} / p95 ${t.recount.p95.toFixed(0)} ms; the cached tally alone (rankedResults on pg) p50 ${t.cached.p50.toFixed(1)} / p95 ${t.cached.p95.toFixed(1)} ms; ${t.arrived} ballots arrived during the second pass, drift 0 after it`,
  );
  const worst = Math.max(...t.pages.flatMap((p) => [p.idle.p95, p.arriving.p95]));
  console.log(`target (every tally page ≤ 50 ms p95): ${worst <= 50 ? "met" : "not met"} (worst p95 ${worst.toFixed(1)} ms)`);
}

if (ONLY === "tally") {
  const rows: Array<[string, string, string, string]> = [];
  let t: TallyFigures | undefined;
  try {
    const setup = await setUpRound(db);
    const ballots = Number(process.env.BENCH_BALLOTS ?? 1_000_000);
    const t0 = Date.now();
    await fillAnonymousBallots(db, setup, ballots);
    console.error(`tally: ${ballots} ballots written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    t = await benchTally(db, { origin, setup, log: (line) => console.error(line) });
    rows.push(...tallyRows(t));
    // Last, as it leaves ballots outside the counts (the database is thrown away after the run).
    const cost = await logCost(url, setup, SECONDS);
    rows.push([
      `one-ballot statements on pg, ${cost.connections} connections, with the tally log's trigger`,
      `${cost.withLog.toFixed(0)} ballots/s`,
      `${cost.withoutLog.toFixed(0)} ballots/s (trigger disabled)`,
      (cost.withLog / cost.withoutLog).toFixed(3),
    ]);
  } finally {
    app.kill("SIGTERM");
    await db.destroy();
    await new Promise((r) => setTimeout(r, 500));
    await pgServer.stop();
  }
  console.log(`\nLauwer bench (BENCH_ONLY=tally), ${new Date().toISOString()}`);
  console.log("| what | through the app | baseline (same run) | ratio |");
  console.log("|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
  printTally(t);
  process.exit(process.exitCode ?? 0);
}

// An edition with 1,000 public candidates (DESIGN §6), for the candidate list.
const big = await db
  .selectFrom("edition as e")
  .innerJoin("award as a", "a.id", "e.award_id")
  .select(["e.id", "a.slug", "e.year"])
  .where("a.slug", "=", "top-100-ambtenaar")
  // The demo also seeds last year's (finished) edition: take the current one.
  .orderBy("e.year", "desc")
  .executeTakeFirstOrThrow();
const category = await db.selectFrom("category").select("id").where("edition_id", "=", big.id).executeTakeFirstOrThrow();
await db
  .insertInto("nominee")
  .values(
    Array.from({ length: 1000 }, (_, i) => ({
      edition_id: big.id,
      category_id: category.id,
      kind: "person" as const,
      name: `Benchkandidaat ${String(i).padStart(4, "0")} de Vries`,
      organisation: "Gemeente Bench",
      status: "approved" as const,
      consent_status: "accepted" as const,
    })),
  )
  .execute();

// The book project grows to 2,000 proposals (DESIGN §6) with about 20,000 endorsements, for the proposal list.
const book = await loadProject(db, "ambtenaren-200-jaar", "nl");
const existing = await db
  .selectFrom("book_proposal")
  .select(db.fn.countAll<string>().as("n"))
  .where("project_id", "=", book.id)
  .executeTakeFirstOrThrow();
const members = await db.selectFrom("app_user").select("id").where("email", "like", "lid%@lauwer.test").execute();
const extra = await db
  .insertInto("book_proposal")
  .values(
    Array.from({ length: 2000 - Number(existing.n) }, (_, i) => ({
      project_id: book.id,
      proposer_id: members[i % members.length]!.id,
      name: `Benchambtenaar ${String(i).padStart(4, "0")} van Dijk`,
      birth_year: 1800 + (i % 180),
      death_year: 1800 + (i % 180) + 70,
      service_from: 1800 + (i % 180) + 25,
      service_to: 1800 + (i % 180) + 60,
      organisation: "Ministerie van Bench",
      role: "secretaris-generaal",
      motivation: "Een ambtenaar die ertoe deed, voor de benchmark.",
      theme_id: book.themes[i % book.themes.length]!.id,
      status: i % 10 === 0 ? ("shortlisted" as const) : ("proposed" as const),
    })),
  )
  .returning("id")
  .execute();
await db
  .insertInto("book_endorsement")
  .values(extra.flatMap((p, i) => members.slice(0, i % 20).map((m) => ({ proposal_id: p.id, user_id: m.id }))))
  .onConflict((oc) => oc.doNothing())
  .execute();

// Statistics as autovacuum would have them on a live system (it analyzes after this many new rows).
await sql`analyze book_proposal, book_endorsement, nominee`.execute(db);

const rows: Array<[string, string, string, string]> = [];
let vote: VoteFigures | undefined;
let exported: ExportFigures | undefined;
let tallied: TallyFigures | undefined;
try {
  if (ONLY === "export") {
    await seedBallotsOnly(db, { passwordHash: await hashPassword(DEMO_PASSWORD), log: (line) => console.error(line) });
  } else {
    const hash = await hashPassword(DEMO_PASSWORD);
    if (ONLY !== "vote") {
      // 1. Home page: rendered through Remix vs the same queries straight to PostgreSQL.
      const sqlHome = await opsPerSecond(CONNECTIONS, () => listHomeContent(db));
      const appHome = await http(`${origin}/`);
      rows.push([
        "home page (GET /)",
        `${appHome.rps.toFixed(0)} req/s (p99 ${appHome.p99} ms)`,
        `${sqlHome.toFixed(0)} queries/s (same SQL, direct)`,
        (appHome.rps / sqlHome).toFixed(3),
      ]);

      // 2. Candidate list of an edition with 1,000+ candidates: a search, page 2, through Remix vs the same queries.
      const listUrl = `${origin}/prijzen/${big.slug}/${big.year}/kandidaten?q=vries&pagina=2`;
      const sqlList = await opsPerSecond(CONNECTIONS, () => listCandidates(db, big.id, { q: "vries", page: 2 }));
      const appList = await http(listUrl);
      rows.push([
        "candidate search, 1,050 candidates (GET …/kandidaten?q=vries&pagina=2)",
        `${appList.rps.toFixed(0)} req/s (p99 ${appList.p99} ms)`,
        `${sqlList.toFixed(0)} queries/s (same SQL, direct)`,
        (appList.rps / sqlList).toFixed(3),
      ]);

      // 3. The portrait book's proposal list (2,000 proposals, sorted by endorsements, page 3) vs the same queries.
      const bookUrl = `${origin}/boek/ambtenaren-200-jaar/voordrachten?pagina=3`;
      const sqlBook = await opsPerSecond(CONNECTIONS, async () => {
        const project = await loadProject(db, "ambtenaren-200-jaar", "nl");
        return listProposals(db, project.id, { statuses: PUBLIC_STATUSES, sort: "steun", page: 3 }, "nl");
      });
      const appBook = await http(bookUrl);
      rows.push([
        "proposal list, 2,000 proposals (GET /boek/…/voordrachten?pagina=3)",
        `${appBook.rps.toFixed(0)} req/s (p99 ${appBook.p99} ms)`,
        `${sqlBook.toFixed(0)} queries/s (same SQL, direct)`,
        (appBook.rps / sqlBook).toFixed(3),
      ]);

      // 3b. A results night: anonymous visitors on five public pages, through a process with the page cache
      // (its default, ADR 0039) vs the same pages rendered for every request (the process above).
      const publicPages = [
        "/",
        `/prijzen/${big.slug}/${big.year}`,
        `/prijzen/${big.slug}/${big.year}/kandidaten`,
        `/prijzen/${big.slug}/${big.year}/kandidaten?q=vries&pagina=2`,
        "/boek/ambtenaren-200-jaar/voordrachten?pagina=3",
      ];
      const spike = (o: string) => http(`${o}/`, { requests: publicPages.map((path) => ({ method: "GET", path })) });
      const rendered = await spike(origin);
      const cached = await startBuiltApp(url, { WEB_CONCURRENCY: "1" });
      try {
        const kept = await spike(cached.origin);
        rows.push([
          "anonymous public pages, 5 in turn (home, edition, candidates, a search, the book's proposals)",
          `${kept.rps.toFixed(0)} req/s (p99 ${kept.p99} ms) with the page cache`,
          `${rendered.rps.toFixed(0)} req/s (p99 ${rendered.p99} ms) rendered each time`,
          (kept.rps / rendered.rps).toFixed(1),
        ]);
      } finally {
        cached.proc.kill("SIGTERM");
      }

      // 4. Login: the whole POST vs argon2id verification alone (the deliberate cost of a login).
      const argon = await opsPerSecond(2, () => verify(hash, DEMO_PASSWORD));
      const body = new URLSearchParams({ email: "stemmer1@lauwer.test", password: DEMO_PASSWORD }).toString();
      const appLogin = await http(
        `${origin}/inloggen`,
        {
          method: "POST",
          headers: { origin, "content-type": "application/x-www-form-urlencoded" },
          body,
          connections: 4,
        },
        "3xx",
      );
      rows.push([
        "login (POST /inloggen)",
        `${appLogin.rps.toFixed(1)} logins/s`,
        `${argon.toFixed(1)} argon2id verifies/s`,
        (appLogin.rps / argon).toFixed(3),
      ]);
    }

    // 5. Vote submission with 500,000 voters, through the app vs the ballot statement straight on pg; 6. the tally.
    // The same through an instance with one worker per core (ADR 0034), beside the single process.
    const workers = availableParallelism();
    const cores = await startApp({ WEB_CONCURRENCY: String(workers) });
    try {
      vote = await benchVote(db, {
        url,
        origin,
        seconds: SECONDS,
        passwordHash: hash,
        log: (line) => console.error(line),
        parties: { appPid: app.pid!, pgDataDir: `${dir}/postgres` },
        allCores: { origin: cores.origin, workers, pid: cores.proc.pid! },
      });
    } finally {
      cores.proc.kill("SIGTERM");
      await new Promise((r) => cores.proc.once("exit", r));
    }
    rows.push([
      `vote (POST …/ronde/1/<category>, ${vote.voters.toLocaleString("en")} voters, ${vote.connections} connections, a different voter per request)`,
      `${vote.app.rps.toFixed(0)} votes/s (p50 ${vote.app.p50.toFixed(1)} ms, p99 ${vote.app.p99.toFixed(1)} ms, ${vote.app.errors} errors)`,
      `${vote.raw.rps.toFixed(0)} ballots/s (firstBallotSql on pg, ${vote.connections} connections; p50 ${vote.raw.p50.toFixed(1)} ms, p99 ${vote.raw.p99.toFixed(1)} ms)`,
      (vote.app.rps / vote.raw.rps).toFixed(3),
    ]);
    if (vote.allCores)
      rows.push([
        `vote through ${vote.allCores.workers} workers (WEB_CONCURRENCY=${vote.allCores.workers}), same load`,
        `${vote.allCores.rps.toFixed(0)} votes/s (p50 ${vote.allCores.p50} ms, p99 ${vote.allCores.p99} ms, ${vote.allCores.errors} errors)`,
        `${vote.raw.rps.toFixed(0)} ballots/s (the same baseline)`,
        (vote.allCores.rps / vote.raw.rps).toFixed(3),
      ]);
    rows.push([
      `tally, ${vote.tally.ballots.toLocaleString("en")} ballots (rankedResults)`,
      `${vote.tally.medianMs.toFixed(0)} ms (median of ${vote.tally.runsMs.length})`,
      "— (a time, not a rate)",
      "—",
    ]);
    // 6b. The pages that show that tally, through the app, against the full recount.
    if (ONLY !== "vote") {
      tallied = await benchTally(db, { origin, setup: vote.setup, log: (line) => console.error(line) });
      rows.push(...tallyRows(tallied));
    }
  }

  if (ONLY !== "vote") {
    // 7. The anonymised ballots export of that edition (1,000,000 ballots) as CSV vs COPY of the same rows,
    // in a fresh app process, so its peak memory is the export's (plus the app itself), not the vote load's.
    app.kill("SIGTERM");
    await new Promise((r) => app.once("exit", r));
    // Its JavaScript heap is capped at EXPORT_HEAP_MB: the export can only finish if what it holds stays
    // bounded (the collector would otherwise let garbage pile up to the default heap size).
    ({ proc: app, origin } = await startApp({ NODE_OPTIONS: `--max-old-space-size=${EXPORT_HEAP_MB}` }));
    exported = await benchExport(db, { url, origin, appPid: app.pid!, awardSlug: "bench-stemprijs", log: (line) => console.error(line) });
    rows.push([
      `ballots export, ${exported.rows.toLocaleString("en")} rows as CSV (GET …/export/stemmen.csv; app heap capped at ${EXPORT_HEAP_MB} MB)`,
      `${(exported.app.ms / 1000).toFixed(1)} s, ${(exported.app.bytes / 1e6).toFixed(0)} MB, app peak RSS ${exported.app.peakRssMb.toFixed(0)} MB (${exported.app.rssBeforeMb.toFixed(0)} MB before)`,
      `${(exported.copy.ms / 1000).toFixed(1)} s (COPY … TO STDOUT, same rows and order, ${(exported.copy.bytes / 1e6).toFixed(0)} MB)`,
      (exported.copy.ms / exported.app.ms).toFixed(3),
    ]);
    // The same rows as XLSX and JSON (written row by row from the cursor; no COPY for these), against the same COPY.
    for (const o of exported.others) {
      rows.push([
        `ballots export, ${exported.rows.toLocaleString("en")} rows as ${o.format.toUpperCase()} (GET …/export/stemmen.${o.format})`,
        `${(o.ms / 1000).toFixed(1)} s, ${(o.bytes / 1e6).toFixed(0)} MB, app peak RSS ${o.peakRssMb.toFixed(0)} MB`,
        `${(exported.copy.ms / 1000).toFixed(1)} s (the CSV's COPY above)`,
        (exported.copy.ms / o.ms).toFixed(3),
      ]);
    }
  }
} finally {
  app.kill("SIGTERM");
  await db.destroy();
  await new Promise((r) => setTimeout(r, 500));
  await pgServer.stop();
}

console.log(`\nLauwer bench — ${SECONDS}s per figure, ${CONNECTIONS} connections, ${new Date().toISOString()}`);
console.log("| what | through the app | baseline (same run) | ratio |");
console.log("|---|---|---|---|");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
if (vote) {
  const ratio = vote.app.rps / vote.raw.rps;
  const met = ratio >= 0.6 && vote.app.p99 <= 100 && vote.app.errors === 0;
  console.log(
    `\nvote: app ${vote.app.rps.toFixed(0)} votes/s (${vote.app.answers} answers ${JSON.stringify(vote.app.statuses)}, p50 ${vote.app.p50.toFixed(1)} ms, p99 ${vote.app.p99.toFixed(1)} ms, ${vote.app.errors} errors)` +
      ` vs raw ${vote.raw.rps.toFixed(0)} ballots/s (${vote.raw.ballots} ballots, p50 ${vote.raw.p50.toFixed(1)} ms, p99 ${vote.raw.p99.toFixed(1)} ms, ${vote.raw.errors} errors): ratio ${ratio.toFixed(3)}`,
  );
  console.log(`target (≥ 0.60 of raw, p99 ≤ 100 ms, 0 errors): ${met ? "met" : "not met"}`);
  // Where a vote's cost lies: the app path's CPU against the raw statement's, on the same cores.
  console.log(`vote through the app: ${formatCpu(vote.app.cpu)}; raw: ${formatCpu(vote.raw.cpu, false)}`);
  if (vote.allCores) console.log(`vote through ${vote.allCores.workers} workers: ${formatCpu(vote.allCores.cpu)}`);
  console.log(
    `tally of ${vote.tally.ballots} ballots: median ${vote.tally.medianMs.toFixed(0)} ms (runs ${vote.tally.runsMs.map((ms) => ms.toFixed(0)).join(", ")} ms);` +
      ` seeding ${vote.voters} voters + sessions ${vote.seedSeconds.toFixed(1)} s, filling to ${vote.tally.ballots} ballots ${vote.tally.fillSeconds.toFixed(1)} s`,
  );
  // Unexpected answers fail the bench (after the figures are printed); missing the target does not.
  const problems = [
    ...(vote.raw.errors ? [`${vote.raw.errors} raw ballots failed`] : []),
    ...vote.app.problems,
    ...(vote.allCores?.problems.map((p) => `with ${vote!.allCores!.workers} workers: ${p}`) ?? []),
  ];
  if (problems.length) {
    console.error(`vote bench FAILED: ${problems.join("; ")}`);
    process.exitCode = 1;
  }
}
if (tallied) printTally(tallied);
if (exported) {
  const ratio = exported.app.ms / exported.copy.ms;
  const met = ratio <= 3 && exported.app.peakRssMb <= 200;
  console.log(
    `\nexport: ${exported.rows} ballot rows as CSV through the app in ${exported.app.ms.toFixed(0)} ms (runs ${exported.runs.appMs.map((ms) => ms.toFixed(0)).join(", ")})` +
      ` vs COPY ${exported.copy.ms.toFixed(0)} ms (runs ${exported.runs.copyMs.map((ms) => ms.toFixed(0)).join(", ")}): ${ratio.toFixed(2)}× COPY time;` +
      ` app peak RSS ${exported.app.peakRssMb.toFixed(0)} MB (before the export ${exported.app.rssBeforeMb.toFixed(0)} MB)`,
  );
  console.log(`target (≤ 3× COPY time, ≤ 200 MB peak): ${met ? "met" : "not met"}`);
}
