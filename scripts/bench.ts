// npm run bench — throughput through the app, each figure as a ratio against a baseline measured
// in the same run on the same machine. Bounded in time; traffic only to 127.0.0.1.
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { verify } from "@node-rs/argon2";
import autocannon from "autocannon";
import { createDb } from "../db/connection";
import { ensureDatabase } from "../db/database";
import { freePort, startEmbeddedPostgres } from "../db/embedded";
import { migrateToLatest } from "../db/migrate";
import { seed } from "../db/seed";
import { hashPassword } from "../app/auth/password.server";
import { listHomeContent } from "../app/modules/home/home.server";
import { listCandidates } from "../app/modules/awards/candidates.server";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const DEMO_PASSWORD = "bench wachtwoord 2026";

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

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const app = spawn("node", ["build/server.mjs"], {
  env: {
    ...process.env,
    DATABASE_URL: url,
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_ORIGIN: origin,
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    SEED_ON_EMPTY: "false",
    LOGIN_FAILURES_PER_IP: "1000000",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
for (let i = 0; i < 100; i++) {
  if (
    await fetch(`${origin}/`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break;
  await new Promise((r) => setTimeout(r, 200));
}

// An edition with 1,000 public candidates (DESIGN §6), for the candidate list.
const big = await db
  .selectFrom("edition as e")
  .innerJoin("award as a", "a.id", "e.award_id")
  .select(["e.id", "a.slug", "e.year"])
  .where("a.slug", "=", "top-100-ambtenaar")
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

const rows: Array<[string, string, string, string]> = [];
try {
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

  // 3. Login: the whole POST vs argon2id verification alone (the deliberate cost of a login).
  const hash = await hashPassword(DEMO_PASSWORD);
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
