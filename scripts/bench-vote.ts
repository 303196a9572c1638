// The vote benchmark of `npm run bench`: 500,000 voters with sessions and an open public vote round in
// a throwaway database; then, in the same run, (a) the ballot statement the app runs (firstBallotSql)
// straight on pg and (b) the app's vote submission under autocannon, each request a different voter;
// then the tally on 1,000,000 ballots. Traffic only to 127.0.0.1.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { PreparingClient } from "../db/connection";
import type { DB } from "../db/types";
import { SESSION_COOKIE } from "../app/auth/lucia.server";
import { renderMail } from "../app/modules/mail/outbox.server";
import { firstBallotSql, newReceiptCode } from "../app/modules/voting/ballot.server";
import { loadVotingRound, rankedResults } from "../app/modules/voting/round.server";

const VOTERS = Number(process.env.BENCH_VOTERS ?? 500_000);
const BALLOTS = Number(process.env.BENCH_BALLOTS ?? 1_000_000);
/** autocannon connections, and as many pg connections for the raw figure. */
const VOTE_CONNECTIONS = Number(process.env.BENCH_VOTE_CONNECTIONS ?? 32);
const CANDIDATES = 50;
const TALLY_RUNS = 5;
/** Both figures start after this long under the same load (JIT, pools and caches warm), not counted. */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 5);
/**
 * The raw and the app figures are measured in turns (raw, app, raw, app…), this many of each: a
 * machine whose speed drifts during the run (a shared VM) then slows both figures alike.
 */
const VOTE_ROUNDS = Number(process.env.BENCH_VOTE_ROUNDS ?? 3);
/** The app's default idle timeout (SESSION_IDLE_MINUTES): a session this fresh is not extended (no write). */
const SESSION_IDLE_MINUTES = 60;
/**
 * The client addresses the votes come from (ADR 0050): voter n from address n mod this, as a reverse
 * proxy hands them on (`X-Forwarded-For`; the bench's app trusts one proxy, as deployed). Under the default
 * per-address limit (600 a minute) a closing hour's 1,000 votes a second come from hundreds of addresses
 * at least; one address for all of them makes every vote wait on that address's counter row.
 */
const ADDRESSES = Math.max(1, Number(process.env.BENCH_VOTE_ADDRESSES ?? 5000));
const addressOf = (n: number) => {
  const a = n % ADDRESSES;
  return `10.${(a >> 16) & 255}.${(a >> 8) & 255}.${a & 255}`;
};

// Voter n (1..VOTERS): ids derived from n the same way in SQL and here, so nothing is read back.
const md5 = (s: string) => createHash("md5").update(s).digest("hex");
const voterId = (n: number) => {
  const h = md5(`lauwer-bench-voter-${n}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
/** Lucia v3 keeps the session id as is (not hashed): 32 lower-case hex characters pass the app's cookie check. */
export const sessionId = (n: number) => md5(`lauwer-bench-session-${n}`);
const voterEmail = (n: number) => `kiezer${n}@bench.test`;
const voterName = (n: number) => `Kiezer ${n}`;

const seconds = (t0: number) => (performance.now() - t0) / 1000;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/**
 * CPU time spent per vote, in ms, by each party on the shared cores: the app's processes, PostgreSQL's
 * (postmaster and backends) and this process (the load generator, or the raw figure's pg client). Read
 * from /proc (Linux; absent elsewhere). It shows where a vote's cost lies, whatever the machine's speed.
 */
export interface CpuPerVote {
  app: number;
  postgres: number;
  generator: number;
}

/** The processes whose CPU time a figure counts: the app's (a primary and its workers) and PostgreSQL's. */
export interface Parties {
  appPid?: number;
  /** The data directory of the PostgreSQL under test (its postmaster.pid names the postmaster). */
  pgDataDir: string;
}

const TICK_MS = 1000 / 100; // USER_HZ: 100 on Linux
/** utime + stime of a process, and with `reaped` also cutime + cstime: its children that ended and were waited for. */
const ticksOf = (pid: number, reaped = false): number => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0);
  } catch {
    return 0; // gone meanwhile
  }
};
const childrenOf = (pid: number): number[] => {
  try {
    return execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .split("\n")
      .map(Number)
      .filter((n) => n > 0);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
};
/**
 * CPU time of a process and its children, in ms: the live children's own, and through the parent's
 * reaped figures those that ended (a backend that closed, an autovacuum worker), so the sum never drops.
 */
const treeMs = (root: number | undefined) =>
  root ? (ticksOf(root, true) + childrenOf(root).reduce((t, pid) => t + ticksOf(pid), 0)) * TICK_MS : 0;
/** A reading of the parties' CPU time, in ms; undefined where /proc is not there. */
function cpuNow(parties: Parties) {
  if (process.platform !== "linux") return undefined;
  try {
    const postmaster = Number(readFileSync(`${parties.pgDataDir}/postmaster.pid`, "utf8").split("\n")[0]);
    const own = process.cpuUsage();
    return { app: treeMs(parties.appPid), postgres: treeMs(postmaster), generator: (own.user + own.system) / 1000 };
  } catch {
    return undefined;
  }
}
function cpuPerVote(before: ReturnType<typeof cpuNow>, after: ReturnType<typeof cpuNow>, votes: number): CpuPerVote | undefined {
  if (!before || !after || votes === 0) return undefined;
  return {
    app: (after.app - before.app) / votes,
    postgres: (after.postgres - before.postgres) / votes,
    generator: (after.generator - before.generator) / votes,
  };
}
export const formatCpu = (c: CpuPerVote | undefined, withApp = true) =>
  c
    ? `CPU per vote: ${withApp ? `app ${c.app.toFixed(2)} ms, ` : ""}PostgreSQL ${c.postgres.toFixed(2)} ms, ${withApp ? "load generator" : "client"} ${c.generator.toFixed(2)} ms`
    : "CPU per vote: not measured (no /proc)";

export interface VoteFigures {
  voters: number;
  connections: number;
  seedSeconds: number;
  raw: { rps: number; p50: number; p99: number; errors: number; ballots: number; cpu?: CpuPerVote };
  app: AppVoteFigures;
  /** The same through an instance with one worker per core (ADR 0034), when asked. */
  allCores?: AppVoteFigures & { workers: number };
  tally: { ballots: number; medianMs: number; runsMs: number[]; fillSeconds: number };
  setup: Setup;
}

interface AppVoteFigures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  answers: number;
  statuses: Record<string, number>;
  problems: string[];
  cpu?: CpuPerVote;
}

export interface Setup {
  roundId: string;
  year: number;
  editionId: string;
  path: (categorySlug: string) => string;
  award: string;
  categories: Array<{ id: string; slug: string; name: string; nominees: string[] }>;
}

/** An award with one open public vote round (all candidates, single choice), two categories of 50 candidates. */
export async function setUpRound(db: Kysely<DB>): Promise<Setup> {
  const year = new Date().getFullYear();
  const award = await db
    .insertInto("award")
    .values({ slug: "bench-stemprijs", name_nl: "Benchprijs", name_en: "Bench Award" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const edition = await db.insertInto("edition").values({ award_id: award.id, year }).returning("id").executeTakeFirstOrThrow();
  const categories = [];
  for (const [i, slug] of ["stemmen-a", "stemmen-b"].entries()) {
    const category = await db
      .insertInto("category")
      .values({ edition_id: edition.id, slug, name_nl: `Categorie ${slug}`, name_en: `Category ${slug}`, position: i })
      .returning(["id", "name_nl"])
      .executeTakeFirstOrThrow();
    const nominees = await db
      .insertInto("nominee")
      .values(
        Array.from({ length: CANDIDATES }, (_, j) => ({
          edition_id: edition.id,
          category_id: category.id,
          kind: "person" as const,
          name: `Stemkandidaat ${slug} ${String(j).padStart(2, "0")}`,
          status: "approved" as const,
          consent_status: "accepted" as const,
        })),
      )
      .returning("id")
      .execute();
    categories.push({ id: category.id, slug, name: category.name_nl, nominees: nominees.map((n) => n.id) });
  }
  const round = await db
    .insertInto("round")
    .values({
      edition_id: edition.id,
      position: 1,
      kind: "public_vote",
      name_nl: "Publieksronde",
      name_en: "Public vote",
      opens_at: sql<Date>`now() - interval '1 hour'`,
      closes_at: sql<Date>`now() + interval '1 day'`,
      source: "all",
      advancement: "none",
      advance_k: null,
      ballot_mode: "single",
      max_choices: 1,
      eligibility: "verified",
      // Running totals on the public round page and the projector, for the tally figure (bench-tally.ts).
      show_live_totals: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return {
    roundId: round.id,
    year,
    editionId: edition.id,
    path: (slug) => `/prijzen/bench-stemprijs/${year}/ronde/1/${slug}`,
    award: `Benchprijs ${year}`,
    categories,
  };
}

/** VOTERS verified accounts (one shared password hash) and one live session each, set-based. */
export async function seedVoters(db: Kysely<DB>, passwordHash: string, count = VOTERS) {
  await sql`insert into app_user (id, email, name, organisation, password_hash, email_verified_at)
    select md5('lauwer-bench-voter-' || n)::uuid, 'kiezer' || n || '@bench.test', 'Kiezer ' || n, 'Gemeente Bench', ${passwordHash}, now()
    from generate_series(1, ${count}::int) n`.execute(db);
  await sql`insert into user_session (id, user_id, expires_at, absolute_expires_at)
    select md5('lauwer-bench-session-' || n), md5('lauwer-bench-voter-' || n)::uuid,
      now() + make_interval(mins => ${SESSION_IDLE_MINUTES}::int), now() + interval '12 hours'
    from generate_series(1, ${count}::int) n`.execute(db);
  await sql`analyze app_user, user_session`.execute(db);
}

/** (a) firstBallotSql, compiled by Kysely and run on a pg pool of VOTE_CONNECTIONS, voters from `first` on. */
async function rawBallots(db: Kysely<DB>, url: string, origin: string, setup: Setup, first: number, secs: number, parties: Parties) {
  // With the app's client: the statement runs as the app runs it, a named prepared statement (ADR 0046).
  const pool = new pg.Pool({ connectionString: url, max: VOTE_CONNECTIONS, Client: PreparingClient });
  pool.on("error", () => undefined);
  const category = setup.categories[0]!;
  const link = `${origin}/mijn-stemmen`;
  let next = first;
  let errors = 0;
  const latencies: number[] = [];
  try {
    const run = (until: number, record: boolean) =>
      Promise.all(
        Array.from({ length: VOTE_CONNECTIONS }, async () => {
          while (performance.now() < until) {
            const n = next++;
            const t0 = performance.now();
            // What castBallot does around the statement for a verified voter in an "all candidates" round.
            const receipt = newReceiptCode();
            const { subject, body } = renderMail({
              locale: "nl",
              template: "ballotReceipt",
              name: voterName(n),
              link,
              params: { award: setup.award, category: category.name, receipt },
            });
            const q = firstBallotSql({
              roundId: setup.roundId,
              categoryId: category.id,
              voterId: voterId(n),
              sourceRoundId: null,
              choices: [category.nominees[n % CANDIDATES]!],
              receipt,
              ip: addressOf(n),
              device: null,
              mail: { to: voterEmail(n), locale: "nl", subject, body },
            }).compile(db);
            let ok = false;
            try {
              const r = await pool.query<{ ballot_id: string | null }>(q.sql, q.parameters as unknown[]);
              ok = Boolean(r.rows[0]?.ballot_id);
            } catch {
              ok = false;
            }
            if (!ok) errors++;
            if (record) latencies.push(performance.now() - t0);
          }
        }),
      );
    await run(performance.now() + WARM_UP_SECONDS * 1000, false);
    const cpuBefore = cpuNow({ pgDataDir: parties.pgDataDir });
    const started = performance.now();
    await run(started + secs * 1000, true);
    const elapsed = seconds(started);
    const cpu = cpuPerVote(cpuBefore, cpuNow({ pgDataDir: parties.pgDataDir }), latencies.length);
    latencies.sort((a, b) => a - b);
    return {
      next,
      elapsed,
      latencies,
      figures: {
        rps: latencies.length / elapsed,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        errors,
        ballots: latencies.length,
        cpu,
      },
    };
  } finally {
    await pool.end();
  }
}

/** One vote through the app, outside autocannon: for the smoke checks before the run. */
async function postVote(origin: string, setup: Setup, n: number, choiceOffset = 0) {
  const category = setup.categories[0]!;
  const res = await fetch(`${origin}${setup.path(category.slug)}`, {
    method: "POST",
    redirect: "manual",
    headers: { origin, "content-type": "application/x-www-form-urlencoded", cookie: `${SESSION_COOKIE}=${sessionId(n)}` },
    body: new URLSearchParams({ intent: "cast", choices: category.nominees[(n + choiceOffset) % CANDIDATES]! }).toString(),
  });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get("location") ?? "" };
}

/** (b) POST …/ronde/1/<category> (intent=cast) under autocannon; every request a different voter's session. */
async function appVotes(db: Kysely<DB>, origin: string, setup: Setup, first: number, secs: number, parties: Parties) {
  const category = setup.categories[0]!;
  const problems: string[] = [];
  // Smoke checks: a first ballot is a 303 to the ballot page with the "cast" notice; the same choice again is the
  // stored ballot (303, "already stored"); another choice by the same voter is a 409.
  const smoke = await postVote(origin, setup, first);
  if (smoke.status !== 303 || !smoke.location.includes("voting.notice.cast"))
    problems.push(`first ballot answered ${smoke.status} ${smoke.location}, expected 303 with the cast notice`);
  const same = await postVote(origin, setup, first);
  if (same.status !== 303 || !same.location.includes("voting.notice.alreadyStored"))
    problems.push(`the same ballot again answered ${same.status} ${same.location}, expected 303 with the already-stored notice`);
  const other = await postVote(origin, setup, first, 1);
  if (other.status !== 409) problems.push(`a second, different ballot of the same voter answered ${other.status}, expected 409`);

  const start = first + 1;
  let next = start;
  let ranOut = false;
  const cannon = async (duration: number) => {
    // Every answer's time, for percentiles over all the turns (autocannon's result gives only its own).
    const latencies: number[] = [];
    let instance: autocannon.Instance | undefined;
    const result = new Promise<autocannon.Result>((resolve, reject) => {
      instance = autocannon(
        {
          url: `${origin}${setup.path(category.slug)}`,
          method: "POST",
          connections: VOTE_CONNECTIONS,
          duration,
          headers: { origin, "content-type": "application/x-www-form-urlencoded" },
          requests: [
            {
              setupRequest: (req) => {
                const n = next++;
                if (n > VOTERS) ranOut = true;
                return {
                  ...req,
                  headers: {
                    ...req.headers,
                    cookie: `${SESSION_COOKIE}=${sessionId(n)}`,
                    "x-forwarded-for": addressOf(n),
                  },
                  body: `intent=cast&choices=${category.nominees[n % CANDIDATES]!}`,
                };
              },
            },
          ],
        },
        (error, done) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done)),
      );
    });
    instance!.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
    const r = await result;
    const statuses: Record<string, number> = Object.fromEntries(
      Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
    );
    const cast = statuses["303"] ?? 0;
    const errors = r.errors + r.timeouts + (r.requests.total - cast);
    if (errors) problems.push(`${errors} answers were not 303: ${JSON.stringify(statuses)}, ${r.errors} errors, ${r.timeouts} timeouts`);
    // Let requests still in flight when autocannon stopped finish.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { r, statuses, cast, errors, latencies };
  };
  const warm = await cannon(WARM_UP_SECONDS);
  const cpuBefore = cpuNow(parties);
  const { r, statuses, cast, errors, latencies } = await cannon(secs);
  const cpu = cpuPerVote(cpuBefore, cpuNow(parties), r.requests.total);
  if (ranOut) problems.push(`ran out of voters (BENCH_VOTERS=${VOTERS}); lower BENCH_SECONDS`);
  const stored = await db
    .selectFrom("ballot")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("round_id", "=", setup.roundId)
    .where("category_id", "=", category.id)
    .where(sql<boolean>`voter_id = any(${Array.from({ length: next - start }, (_, i) => voterId(start + i))}::uuid[])`)
    .executeTakeFirstOrThrow();
  if (stored.n < warm.cast + cast) problems.push(`${warm.cast + cast} answers were 303 but only ${stored.n} ballots were stored`);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    latencies,
    errors,
    answers: r.requests.total,
    statuses,
    problems,
    cpu,
    next,
  };
}

/**
 * Brings the round to BALLOTS ballots, set-based: every voter without one votes in the first category,
 * the rest of the ballots go to the second. Ballot and choice of a batch are one statement (one
 * transaction), so the deferred ballot_check trigger passes at commit. No revisions or receipt mails:
 * the tally reads neither. Receipt codes start with 0, which real codes never contain.
 */
async function fillBallots(db: Kysely<DB>, setup: Setup) {
  if (BALLOTS < VOTERS || BALLOTS > 2 * VOTERS) throw new Error("BENCH_BALLOTS must lie between BENCH_VOTERS and twice that");
  const batch = 20_000;
  const plan: Array<[number, number]> = [
    [0, VOTERS],
    [1, BALLOTS - VOTERS],
  ];
  for (const [c, upTo] of plan) {
    const category = setup.categories[c]!;
    for (let lo = 1; lo <= upTo; lo += batch) {
      const hi = Math.min(upTo, lo + batch - 1);
      await sql`with v as (
          select n, md5('lauwer-bench-voter-' || n)::uuid as voter_id,
            lpad((${c * VOTERS}::int + n)::text, 12, '0') as code
          from generate_series(${lo}::int, ${hi}::int) n
        ), b as (
          insert into ballot (round_id, edition_id, category_id, voter_id, receipt_code, ip)
          select ${setup.roundId}, ${setup.editionId}, ${category.id}, v.voter_id,
            substr(v.code, 1, 4) || '-' || substr(v.code, 5, 4) || '-' || substr(v.code, 9, 4), '127.0.0.1'::inet
          from v
          on conflict (round_id, category_id, voter_id) do nothing
          returning id, voter_id
        )
        insert into ballot_choice (ballot_id, category_id, nominee_id, rank)
        select b.id, ${category.id}, (${category.nominees}::uuid[])[1 + abs(hashtext(b.voter_id::text)::bigint) % ${CANDIDATES}::int], 1
        from b`.execute(db);
    }
  }
  // Autovacuum would get there on a live system: statistics and the visibility map, as the planner will see them.
  await sql`vacuum (analyze) ballot, ballot_choice`.execute(db);
}

/** The results of the round through the app's own function (rankedResults → tally); the median of TALLY_RUNS. */
async function timeTally(db: Kysely<DB>, setup: Setup) {
  const round = await loadVotingRound(db, setup.editionId, "1");
  const categories = setup.categories.map((c) => ({ id: c.id, slug: c.slug, name: c.name }));
  const warm = await rankedResults(db, round, categories);
  const counted = warm.reduce((sum, c) => sum + c.rows.reduce((s, r) => s + r.votes, 0), 0);
  const ballots = warm.reduce((sum, c) => sum + c.ballots, 0);
  if (ballots !== BALLOTS || counted !== BALLOTS)
    throw new Error(`tally counted ${counted} choices on ${ballots} ballots, expected ${BALLOTS}`);
  const runsMs: number[] = [];
  for (let i = 0; i < TALLY_RUNS; i++) {
    const t0 = performance.now();
    await rankedResults(db, round, categories);
    runsMs.push(performance.now() - t0);
  }
  return { ballots, medianMs: median(runsMs), runsMs };
}

/** The CPU per vote of several turns, each weighed by its votes. */
function combinedCpu(parts: Array<{ cpu?: CpuPerVote; votes: number }>): CpuPerVote | undefined {
  if (parts.some((p) => !p.cpu)) return undefined;
  const votes = parts.reduce((n, p) => n + p.votes, 0);
  const mean = (key: keyof CpuPerVote) => parts.reduce((sum, p) => sum + p.cpu![key] * p.votes, 0) / votes;
  return { app: mean("app"), postgres: mean("postgres"), generator: mean("generator") };
}

/** The raw turns as one figure: all their ballots over all their time, percentiles over all latencies. */
function combinedRaw(turns: Array<Awaited<ReturnType<typeof rawBallots>>>): VoteFigures["raw"] {
  const latencies = turns.flatMap((t) => t.latencies).sort((a, b) => a - b);
  return {
    rps: latencies.length / turns.reduce((s, t) => s + t.elapsed, 0),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: turns.reduce((n, t) => n + t.figures.errors, 0),
    ballots: latencies.length,
    cpu: combinedCpu(turns.map((t) => ({ cpu: t.figures.cpu, votes: t.figures.ballots }))),
  };
}

/**
 * The app's turns as one figure: the mean rate (the turns last equally long), and percentiles over
 * every answer of every turn, as for the raw figure.
 */
function combinedApp(turns: Array<Awaited<ReturnType<typeof appVotes>>>): AppVoteFigures {
  const statuses: Record<string, number> = {};
  for (const t of turns) for (const [code, n] of Object.entries(t.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  const latencies = turns.flatMap((t) => t.latencies).sort((a, b) => a - b);
  return {
    rps: turns.reduce((s, t) => s + t.rps, 0) / turns.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: turns.reduce((n, t) => n + t.errors, 0),
    answers: turns.reduce((n, t) => n + t.answers, 0),
    statuses,
    problems: turns.flatMap((t) => t.problems),
    cpu: combinedCpu(turns.map((t) => ({ cpu: t.cpu, votes: t.answers }))),
  };
}

export async function benchVote(
  db: Kysely<DB>,
  opts: {
    url: string;
    origin: string;
    seconds: number;
    passwordHash: string;
    log?: (line: string) => void;
    /** The app's process and PostgreSQL's data directory, for the CPU time per vote. */
    parties: { appPid: number; pgDataDir: string };
    /** An instance of several workers on the same database: voted through too, by voters of its own. */
    allCores?: { origin: string; workers: number; pid: number };
  },
): Promise<VoteFigures> {
  const log = opts.log ?? (() => undefined);
  let t0 = performance.now();
  const setup = await setUpRound(db);
  await seedVoters(db, opts.passwordHash);
  const seedSeconds = seconds(t0);
  // Every table vacuumed and analyzed, as autovacuum leaves them long before a closing hour (ADR 0050).
  // Without it the raw statement's first turn ran about a third slower than its later ones in 12 of 13
  // runs, on ballot tables new and never analyzed, which raised the first turn's ratio; with it in 1 of 10.
  await sql`vacuum (analyze)`.execute(db);
  log(`vote: seeded ${VOTERS} voters with sessions in ${seedSeconds.toFixed(1)} s`);

  // Disjoint voters: each turn starts where the one before stopped (a second ballot would be a 409).
  let next = 1;
  const raws: Array<Awaited<ReturnType<typeof rawBallots>>> = [];
  const apps: Array<Awaited<ReturnType<typeof appVotes>>> = [];
  for (let turn = 1; turn <= VOTE_ROUNDS; turn++) {
    const raw = await rawBallots(db, opts.url, opts.origin, setup, next, opts.seconds, opts.parties);
    log(
      `vote, turn ${turn}: raw ${raw.figures.rps.toFixed(0)} ballots/s (p99 ${raw.figures.p99.toFixed(1)} ms); ${formatCpu(raw.figures.cpu, false)}`,
    );
    const app = await appVotes(db, opts.origin, setup, raw.next, opts.seconds, opts.parties);
    log(
      `vote, turn ${turn}: app ${app.rps.toFixed(0)} votes/s (${(app.rps / raw.figures.rps).toFixed(3)} of raw, p99 ${app.p99} ms); ${formatCpu(app.cpu)}`,
    );
    raws.push(raw);
    apps.push(app);
    next = app.next;
  }
  const raw = combinedRaw(raws);
  const app = combinedApp(apps);
  let allCores: VoteFigures["allCores"];
  if (opts.allCores) {
    const figures = await appVotes(db, opts.allCores.origin, setup, next, opts.seconds, {
      appPid: opts.allCores.pid,
      pgDataDir: opts.parties.pgDataDir,
    });
    allCores = { ...figures, workers: opts.allCores.workers };
    log(`vote: app with ${opts.allCores.workers} workers ${figures.rps.toFixed(0)} votes/s; ${formatCpu(figures.cpu)}`);
  }

  t0 = performance.now();
  await fillBallots(db, setup);
  const fillSeconds = seconds(t0);
  log(`vote: ${BALLOTS} ballots in ${fillSeconds.toFixed(1)} s`);
  const tally = await timeTally(db, setup);
  return {
    voters: VOTERS,
    connections: VOTE_CONNECTIONS,
    seedSeconds,
    raw,
    app,
    allCores,
    tally: { ...tally, fillSeconds },
    setup,
  };
}

/**
 * Only the data the export figure needs (BENCH_ONLY=export): the round, the voters and BENCH_BALLOTS
 * ballots, set-based, without the vote and tally measurements.
 */
export async function seedBallotsOnly(db: Kysely<DB>, opts: { passwordHash: string; log?: (line: string) => void }): Promise<void> {
  const log = opts.log ?? (() => undefined);
  const t0 = performance.now();
  const setup = await setUpRound(db);
  await seedVoters(db, opts.passwordHash);
  await fillBallots(db, setup);
  log(`export: seeded ${VOTERS} voters and ${BALLOTS} ballots in ${seconds(t0).toFixed(1)} s`);
}
