// The tally figure of `npm run bench` (ADR 0035): the pages that show a tally of a round with
// 1,000,000 ballots — the public round page (running totals), the projector page and the organizer's
// tally page — p50/p95 over sequential requests through the app, against the same run's full recount
// (the tally as it was before the incremental counts: every ballot row read, recountTally) straight on
// PostgreSQL. Each page is measured idle and again while ballots keep arriving (so every read has a
// log to fold). Traffic only to 127.0.0.1.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql, type Kysely } from "kysely";
import type { DB } from "../db/types";
import { loadVotingRound, rankedResults, recountTally } from "../app/modules/voting/round.server";
import type { Setup } from "./bench-vote";

const REQUESTS = Number(process.env.BENCH_TALLY_REQUESTS ?? 100);
const RECOUNTS = Number(process.env.BENCH_TALLY_RECOUNTS ?? 10);
/** Ballots per second written while the "under load" figures run (a closing-hour peak is ~400/s). */
const ARRIVALS_PER_SECOND = Number(process.env.BENCH_TALLY_ARRIVALS ?? 200);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { n: ms.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? 0 };
};
export type Stats = ReturnType<typeof stats>;

export interface TallyFigures {
  ballots: number;
  /** The first read after the ballots were written without any reader: it folds them all, once. */
  firstFoldMs: number;
  recount: Stats;
  /** The cached tally itself (rankedResults), straight on pg: the part of each page that is the tally. */
  cached: Stats;
  pages: Array<{ name: string; idle: Stats; arriving: Stats }>;
  arrived: number;
}

/**
 * Fills the round to `ballots` anonymous ballots (no voter: the tally does not read voters), single
 * choice, spread over the categories' candidates, as BENCH_ONLY=tally's quick stand-in for the vote
 * bench's 500,000 voters. Set-based in batches; the triggers log them as any ballot.
 */
export async function fillAnonymousBallots(db: Kysely<DB>, setup: Setup, ballots: number) {
  const batch = 50_000;
  for (let lo = 1; lo <= ballots; lo += batch) {
    const hi = Math.min(ballots, lo + batch - 1);
    for (const [c, category] of setup.categories.entries()) {
      await sql`with b as (
          insert into ballot (round_id, edition_id, category_id, voter_id, receipt_code, ip)
          select ${setup.roundId}, ${setup.editionId}, ${category.id}, null,
            'A' || ${c}::text || '-' || lpad(n::text, 12, '0'), '127.0.0.1'::inet
          from generate_series(${lo}::int, ${hi}::int) n
          where n % ${setup.categories.length}::int = ${c}::int
          returning id
        )
        insert into ballot_choice (ballot_id, category_id, nominee_id, rank)
        select b.id, ${category.id}, (${category.nominees}::uuid[])[1 + abs(hashtext(b.id::text)::bigint) % ${category.nominees.length}::int], 1
        from b`.execute(db);
    }
  }
  await sql`vacuum (analyze) ballot, ballot_choice`.execute(db);
}

/** An organizer of the bench award with a complete sign-in (second factor passed, ADR 0024). */
async function organizerCookie(db: Kysely<DB>, editionId: string) {
  const edition = await db.selectFrom("edition").select("award_id").where("id", "=", editionId).executeTakeFirstOrThrow();
  const user = await db
    .insertInto("app_user")
    .values({
      email: `teller-${randomBytes(4).toString("hex")}@bench.test`,
      name: "Teller",
      password_hash: "x",
      email_verified_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("role_grant")
    .values({ user_id: user.id, role: "organizer", award_id: edition.award_id, edition_id: null, book_project_id: null })
    .execute();
  const id = randomBytes(20).toString("hex");
  await db
    .insertInto("user_session")
    .values({
      id,
      user_id: user.id,
      expires_at: sql`now() + interval '2 hours'`,
      absolute_expires_at: sql`now() + interval '12 hours'`,
      second_factor_at: sql`now()`,
    })
    .execute();
  return `lauwer_session=${id}`;
}

/** REQUESTS sequential GETs of a page; each must answer 200 with a tally in it (`mark`). */
async function timePage(url: string, cookie: string | null, mark: RegExp): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: cookie ? { cookie } : {} });
    const body = await res.text();
    ms.push(performance.now() - t0);
    if (res.status !== 200 || !mark.test(body))
      throw new Error(`${url}: ${res.status}, ${body.length} bytes without a tally: …${body.slice(-1500)}`);
  }
  return ms;
}

/** Writes ARRIVALS_PER_SECOND anonymous ballots per second (in batches every 100 ms) until stopped. */
function arrivals(db: Kysely<DB>, setup: Setup) {
  let stop = false;
  let written = 0;
  const perTick = Math.max(1, Math.round(ARRIVALS_PER_SECOND / 10));
  const done = (async () => {
    for (let tick = 0; !stop; tick++) {
      const t0 = performance.now();
      const category = setup.categories[tick % setup.categories.length]!;
      await sql`with b as (
          insert into ballot (round_id, edition_id, category_id, voter_id, receipt_code)
          select ${setup.roundId}, ${setup.editionId}, ${category.id}, null, 'L' || ${tick}::text || '-' || n
          from generate_series(1, ${perTick}::int) n
          returning id
        )
        insert into ballot_choice (ballot_id, category_id, nominee_id, rank)
        select b.id, ${category.id}, (${category.nominees}::uuid[])[1 + abs(hashtext(b.id::text)::bigint) % ${category.nominees.length}::int], 1
        from b`.execute(db);
      written += perTick;
      await new Promise((r) => setTimeout(r, Math.max(0, 100 - (performance.now() - t0))));
    }
  })();
  return {
    stop: async () => {
      stop = true;
      await done;
      return written;
    },
  };
}

/**
 * What the log costs a vote: one-ballot statements (ballot + choice, as firstBallotSql writes them) from
 * `connections` pg connections for `seconds`, with the log's insert trigger on and then off (a bench-only
 * switch on a throwaway database). Returns ballots/s for both.
 */
export async function logCost(url: string, setup: Setup, seconds: number, connections = 8) {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: connections });
  const category = setup.categories[0]!;
  const run = async (tag: string) => {
    const deadline = performance.now() + seconds * 1000;
    let n = 0;
    await Promise.all(
      Array.from({ length: connections }, async (_, w) => {
        for (let i = 0; performance.now() < deadline; i++) {
          await pool.query(
            `with b as (
               insert into ballot (round_id, edition_id, category_id, voter_id, receipt_code)
               values ($1, $2, $3, null, $4) returning id
             )
             insert into ballot_choice (ballot_id, category_id, nominee_id, rank) select b.id, $3, $5, 1 from b`,
            [setup.roundId, setup.editionId, category.id, `C${tag}-${w}-${i}`, category.nominees[i % category.nominees.length]],
          );
          n++;
        }
      }),
    );
    return n / seconds;
  };
  try {
    await run("warm");
    // Alternating on/off, twice each, so a change in the machine's load falls on both.
    const withLog: number[] = [];
    const withoutLog: number[] = [];
    for (let i = 0; i < 2; i++) {
      withLog.push(await run(`on${i}`));
      await pool.query("alter table ballot_choice disable trigger tally_choice_insert");
      try {
        withoutLog.push(await run(`off${i}`));
      } finally {
        await pool.query("alter table ballot_choice enable trigger tally_choice_insert");
      }
    }
    // The ballots written without the log are not in the counts: the bench's database is thrown away after this.
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    return { withLog: mean(withLog), withoutLog: mean(withoutLog), connections };
  } finally {
    await pool.end();
  }
}

export async function benchTally(
  db: Kysely<DB>,
  opts: { origin: string; setup: Setup; log?: (line: string) => void },
): Promise<TallyFigures> {
  const log = opts.log ?? (() => undefined);
  const { setup } = opts;
  const round = await loadVotingRound(db, setup.editionId, "1");
  const categories = setup.categories.map((c) => ({ id: c.id, slug: c.slug, name: c.name }));

  let t0 = performance.now();
  const first = await rankedResults(db, round, categories);
  const firstFoldMs = performance.now() - t0;
  const ballots = first.reduce((s, c) => s + c.ballots, 0);
  log(`tally: first read of ${ballots} ballots (folds them all) ${firstFoldMs.toFixed(0)} ms`);

  // The baseline: the full recount, as every page did before (straight on pg, no HTTP, no rendering).
  const recountMs: number[] = [];
  for (let i = 0; i < RECOUNTS; i++) {
    t0 = performance.now();
    const r = await recountTally(db, round);
    recountMs.push(performance.now() - t0);
    const n = [...r.ballotsPerCategory.values()].reduce((s, x) => s + x, 0);
    if (n !== ballots) throw new Error(`recount found ${n} ballots, the tally ${ballots}`);
  }
  log(`tally: full recount p95 ${stats(recountMs).p95.toFixed(0)} ms`);
  const cachedMs: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    t0 = performance.now();
    await rankedResults(db, round, categories);
    cachedMs.push(performance.now() - t0);
  }
  log(`tally: cached tally (rankedResults) p95 ${stats(cachedMs).p95.toFixed(1)} ms`);

  const cookie = await organizerCookie(db, setup.editionId);
  const base = `${opts.origin}/prijzen/bench-stemprijs/${setup.year}`;
  // The tally tables mark each count (data-votes); the projector carries it in its page data.
  const table = /data-votes="\d+"/;
  const pages: Array<{ name: string; url: string; cookie: string | null; mark: RegExp }> = [
    { name: "public round page (GET /prijzen/…/ronde/1, running totals)", url: `${base}/ronde/1`, cookie: null, mark: table },
    { name: "projector page (GET /prijzen/…/ronde/1/scherm, organizer)", url: `${base}/ronde/1/scherm`, cookie, mark: /\\"votes\\"/ },
    {
      name: "organizer's tally (GET /beheer/prijzen/…/stemmen/1)",
      url: `${opts.origin}/beheer/prijzen/bench-stemprijs/${setup.year}/stemmen/1`,
      cookie,
      mark: table,
    },
  ];
  const idle: Stats[] = [];
  for (const p of pages) {
    await timePage(p.url, p.cookie, p.mark); // warm-up: JIT, plans, pool
    idle.push(stats(await timePage(p.url, p.cookie, p.mark)));
    log(`tally: ${p.name} idle p95 ${idle[idle.length - 1]!.p95.toFixed(1)} ms`);
  }
  const writer = arrivals(db, setup);
  const arriving: Stats[] = [];
  for (const p of pages) {
    arriving.push(stats(await timePage(p.url, p.cookie, p.mark)));
    log(`tally: ${p.name} with ballots arriving p95 ${arriving[arriving.length - 1]!.p95.toFixed(1)} ms`);
  }
  const arrived = await writer.stop();

  // Drift 0 at the end, after the arrivals: the cached tally equals the recount.
  const [cached, recounted] = [await rankedResults(db, round, categories), await recountTally(db, round)];
  const votes = (rows: Array<{ nomineeId: string; votes: number }>) =>
    rows
      .map((r) => `${r.nomineeId}:${r.votes}`)
      .sort()
      .join();
  const recountRows = [...recounted.perCategory.values()].flat();
  if (votes(cached.flatMap((c) => c.rows)) !== votes(recountRows)) throw new Error("the cached tally differs from the recount");

  return {
    ballots,
    firstFoldMs,
    recount: stats(recountMs),
    cached: stats(cachedMs),
    pages: pages.map((p, i) => ({ name: p.name, idle: idle[i]!, arriving: arriving[i]! })),
    arrived,
  };
}
