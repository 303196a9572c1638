// npm run soak — a closing-hour load held for SOAK_SECONDS (default 600) against one instance of
// WEB_CONCURRENCY (default 2) workers on an embedded PostgreSQL: people browsing and searching, voters
// voting (a different voter per request), organizers reading the tallies, and SOAK_SCREENS (default
// 500) projector screens following the live vote. Reports throughput, p50/p99 per kind, errors (goal:
// no 5xx) and the memory of every process over time (goal: no growth beyond 10% after warm-up).
// Traffic only to 127.0.0.1. No pass/fail budget beyond those two goals: the figures are for the README.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { sql } from "kysely";
import { SESSION_COOKIE } from "../app/auth/lucia.server";
import { hashPassword } from "../app/auth/password.server";
import { createDb } from "../db/connection";
import { ensureDatabase } from "../db/database";
import { startEmbeddedPostgres } from "../db/embedded";
import { migrateToLatest } from "../db/migrate";
import { seed } from "../seed/seed";
import { startBuiltApp } from "./bench-app";
import { seedVoters, sessionId, setUpRound } from "./bench-vote";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const WORKERS = Number(process.env.SOAK_WORKERS ?? 2);
const SCREENS = Number(process.env.SOAK_SCREENS ?? 500);
// Requests per second of each kind: a closing hour's mix, scaled by SOAK_SCALE.
const SCALE = Number(process.env.SOAK_SCALE ?? 1);
const RATES = { browse: 60 * SCALE, search: 20 * SCALE, vote: 40 * SCALE, tally: 4 * SCALE };
const VOTERS = Math.ceil(RATES.vote * SECONDS * 1.2) + 1000;
/** Memory before this share of the run is warm-up (JIT, pools, caches), not growth. */
const WARM_UP_SHARE = 0.2;
const SAMPLE_MS = Math.max(1000, Math.min(10_000, (SECONDS * 1000) / 60));

const dir = ".data/soak";
await rm(dir, { recursive: true, force: true });
const pgServer = await startEmbeddedPostgres(`${dir}/postgres`);
await ensureDatabase(pgServer.adminUrl, "lauwer_soak");
const url = pgServer.urlFor("lauwer_soak");
const { db } = createDb(url, 8);
await migrateToLatest(db);
await seed(db);
const year = new Date().getFullYear();
const setup = await setUpRound(db);
const passwordHash = await hashPassword("soak wachtwoord 2026");
await seedVoters(db, passwordHash, VOTERS);
// An organizer of the bench award, signed in with the second factor passed (the tally page asks it).
const organizer = await db
  .insertInto("app_user")
  .values({ email: "organisator@soak.test", name: "Soak Organisator", password_hash: passwordHash, email_verified_at: new Date() })
  .returning("id")
  .executeTakeFirstOrThrow();
const award = await db.selectFrom("award").select("id").where("slug", "=", "bench-stemprijs").executeTakeFirstOrThrow();
await db.insertInto("role_grant").values({ user_id: organizer.id, role: "organizer", award_id: award.id }).execute();
const organizerSession = randomBytes(16).toString("hex");
await sql`insert into user_session (id, user_id, expires_at, absolute_expires_at, second_factor_at)
  values (${organizerSession}, ${organizer.id}, now() + interval '1 day', now() + interval '1 day', now())`.execute(db);
console.error(`soak: seeded the demo, ${VOTERS.toLocaleString("en")} voters and an organizer`);

const { proc: app, origin } = await startBuiltApp(
  url,
  {
    WEB_CONCURRENCY: String(WORKERS),
    STREAM_PER_CLIENT: "1000",
    STREAM_ANONYMOUS_MAX: String(Math.max(150, Math.ceil(SCREENS / WORKERS) + 50)),
  },
  true,
);

/** The instance's processes (primary and workers) and their resident memory in MB. */
function memory(): Record<string, number> {
  const pids = [
    app.pid!,
    ...execFileSync("ps", ["-o", "pid=", "--ppid", String(app.pid)], { encoding: "utf8" })
      .split("\n")
      .map(Number)
      .filter((n) => n > 0),
  ];
  const out: Record<string, number> = {};
  for (const [i, pid] of pids.entries()) {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
      out[i === 0 ? "primary" : `worker ${i}`] = kb / 1024;
    } catch {
      // A process that ended between ps and the read.
    }
  }
  return out;
}

const started = performance.now();
const until = started + SECONDS * 1000;
type Sample = { at: number; mb: Record<string, number> };
const samples: Sample[] = [];
const sampler = setInterval(() => samples.push({ at: (performance.now() - started) / 1000, mb: memory() }), SAMPLE_MS);

// Projector screens: each holds the stream open and reconnects when it ends (the stream closes after a
// while without news), as the screen page does.
const streamPath = `${setup.path("x").replace(/\/x$/, "")}/stroom`;
const screens = { opened: 0, refused: 0, failed: 0, events: 0 };
const screenLoops = Array.from({ length: SCREENS }, async (_, i) => {
  await new Promise((r) => setTimeout(r, (i * 20) % 5000));
  while (performance.now() < until) {
    const abort = new AbortController();
    const stop = setTimeout(() => abort.abort(), Math.max(0, until - performance.now()));
    try {
      const res = await fetch(`${origin}${streamPath}`, { headers: { accept: "text/event-stream" }, signal: abort.signal });
      if (res.status !== 200 || !res.body) {
        screens.refused++;
        await res.body?.cancel();
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      screens.opened++;
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        screens.events += (
          Buffer.from(value)
            .toString("utf8")
            .match(/^data:/gm) ?? []
        ).length;
      }
    } catch {
      if (!abort.signal.aborted) {
        screens.failed++;
        await new Promise((r) => setTimeout(r, 1000));
      }
    } finally {
      clearTimeout(stop);
    }
  }
});

const base = { connections: 8, duration: SECONDS };
const category = setup.categories[0]!;
let nextVoter = 1;
const terms = ["vries", "jansen", "gemeente", "ministerie", "data", "zorg"];
let term = 0;
const kinds = {
  browse: autocannon({
    ...base,
    url: origin,
    overallRate: RATES.browse,
    requests: [
      { path: "/" },
      { path: `/prijzen/top-100-ambtenaar/${year}` },
      { path: `/prijzen/top-100-ambtenaar/${year}/kandidaten` },
      { path: setup.path(category.slug).replace(/\/[^/]+$/, "") },
    ],
  }),
  search: autocannon({
    ...base,
    url: origin,
    overallRate: RATES.search,
    requests: [
      { setupRequest: (req) => ({ ...req, path: `/prijzen/top-100-ambtenaar/${year}/kandidaten?q=${terms[term++ % terms.length]}` }) },
    ],
  }),
  vote: autocannon({
    ...base,
    connections: 16,
    url: `${origin}${setup.path(category.slug)}`,
    method: "POST",
    overallRate: RATES.vote,
    headers: { origin, "content-type": "application/x-www-form-urlencoded" },
    requests: [
      {
        setupRequest: (req) => {
          const n = Math.min(VOTERS, nextVoter++);
          return {
            ...req,
            headers: { ...req.headers, cookie: `${SESSION_COOKIE}=${sessionId(n)}` },
            body: `intent=cast&choices=${category.nominees[n % category.nominees.length]!}`,
          };
        },
      },
    ],
  }),
  tally: autocannon({
    ...base,
    connections: 4,
    url: `${origin}/beheer/prijzen/bench-stemprijs/${year}/stemmen/1`,
    overallRate: RATES.tally,
    headers: { cookie: `${SESSION_COOKIE}=${organizerSession}` },
  }),
};
const results = Object.fromEntries(await Promise.all(Object.entries(kinds).map(async ([k, p]) => [k, await p] as const)));
await Promise.all(screenLoops);
clearInterval(sampler);
samples.push({ at: (performance.now() - started) / 1000, mb: memory() });

app.kill("SIGTERM");
await new Promise((r) => app.once("exit", r));
await db.destroy();
await pgServer.stop();

console.log(`\nLauwer soak — ${SECONDS} s, ${WORKERS} workers, ${SCREENS} projector screens, ${new Date().toISOString()}`);
console.log("| kind | requests/s (asked) | p50 | p99 | 2xx/3xx | 4xx | 5xx | errors |");
console.log("|---|---|---|---|---|---|---|---|");
let fiveHundreds = 0;
for (const [k, r] of Object.entries(results)) {
  const by = (lo: number) =>
    Object.entries(r.statusCodeStats ?? {})
      .filter(([c]) => Math.floor(Number(c) / 100) === lo)
      .reduce((s, [, v]) => s + (v.count ?? 0), 0);
  fiveHundreds += by(5);
  const asked = RATES[k as keyof typeof RATES];
  console.log(
    `| ${k} | ${r.requests.average.toFixed(1)} (${asked}) | ${r.latency.p50} ms | ${r.latency.p99} ms | ${by(2) + by(3)} | ${by(4)} | ${by(5)} | ${r.errors + r.timeouts} |`,
  );
}
console.log(
  `| projector | ${SCREENS} screens | — | — | ${screens.opened} streams opened, ${screens.events} updates | ${screens.refused} refused | — | ${screens.failed} |`,
);
const total = (s: Sample) => Object.values(s.mb).reduce((a, b) => a + b, 0);
const warm = samples.filter((s) => s.at >= SECONDS * WARM_UP_SHARE);
const first = warm[0] ?? samples[0]!;
const last = samples[samples.length - 1]!;
const growth = (total(last) / total(first) - 1) * 100;
console.log(`\nmemory (RSS of the primary and its workers, MB), every ${SAMPLE_MS / 1000} s:`);
for (const s of samples.filter((x, i) => i % Math.ceil(samples.length / 12) === 0 || x === last))
  console.log(
    `  ${s.at.toFixed(0).padStart(5)} s  ${total(s).toFixed(0).padStart(5)}  (${Object.entries(s.mb)
      .map(([p, mb]) => `${p} ${mb.toFixed(0)}`)
      .join(", ")})`,
  );
console.log(
  `after warm-up (${(SECONDS * WARM_UP_SHARE).toFixed(0)} s): ${total(first).toFixed(0)} → ${total(last).toFixed(0)} MB, ${growth >= 0 ? "+" : ""}${growth.toFixed(1)}% (goal ≤ +10%)`,
);
console.log(`5xx: ${fiveHundreds} (goal 0)`);
process.exitCode = fiveHundreds === 0 && growth <= 10 ? 0 : 1;
