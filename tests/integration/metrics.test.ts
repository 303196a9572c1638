import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../db/embedded";
import { getDb } from "~/db.server";
import { confirmed, postBallot, startAppProcess, type AppProcess } from "../setup/app-process";
import { createVoteRound, createVoters } from "../setup/voting";

// The Prometheus endpoint (ADR 0022): off unless configured, never public, and its figures follow
// what the process did. Each test runs a real app process (build/server.mjs), as in production.

const started: AppProcess[] = [];
afterAll(async () => {
  for (const app of started) {
    app.child.kill("SIGTERM");
    await app.exited;
  }
});

async function start(env: Record<string, string | undefined>) {
  const app = await startAppProcess({
    env: { DATABASE_URL: process.env.DATABASE_URL, METRICS_TOKEN: undefined, METRICS_PORT: undefined, ...env },
  });
  started.push(app);
  return app;
}

// Asked as Prometheus with a long scrape_timeout asks: the budget of the scrape (and of its database
// read) follows this header, and a busy test machine must not turn the outbox figures into "down".
const SCRAPE_TIMEOUT = { "x-prometheus-scrape-timeout-seconds": "120" };
const scrape = (url: string, token?: string) =>
  fetch(url, { headers: { ...SCRAPE_TIMEOUT, ...(token ? { authorization: `Bearer ${token}` } : {}) } }).then(async (r) => ({
    status: r.status,
    type: r.headers.get("content-type") ?? "",
    headers: r.headers,
    body: await r.text(),
  }));

/** The value of one sample in Prometheus text format: the series with exactly these labels, 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels)
    .sort()
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(",");
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = [...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => `${l[1]}=${JSON.stringify(l[2])}`).sort();
    if (have.join(",") === want) return Number(m[3]);
  }
  return 0;
}

const EXPECTED = [
  "lauwer_http_requests_total",
  "lauwer_http_request_duration_seconds",
  "lauwer_ballots_cast_total",
  "lauwer_outbox_emails",
  "lauwer_outbox_oldest_pending_age_seconds",
  "lauwer_db_pool_connections",
  "lauwer_db_pool_idle_connections",
  "lauwer_db_pool_waiting_requests",
  "lauwer_db_pool_max_connections",
  "lauwer_database_up",
  "process_cpu_user_seconds_total",
  "process_resident_memory_bytes",
  "nodejs_eventloop_lag_seconds",
];

describe("metrics endpoint", () => {
  it("is off without METRICS_TOKEN or METRICS_PORT: /metrics answers 404, with or without a token", async () => {
    const app = await start({});
    expect((await scrape(`${app.url}/metrics`)).status).toBe(404);
    const guessed = await scrape(`${app.url}/metrics`, "a-token-nobody-configured-0123456789");
    expect(guessed.status).toBe(404);
    expect(guessed.body).not.toContain("lauwer_http_requests_total");
  });

  it("on the main port with METRICS_TOKEN: 401 without the right bearer token, 200 with it; the figures follow requests, ballots, the outbox and the pool", async () => {
    const token = randomBytes(24).toString("hex");
    const app = await start({ METRICS_TOKEN: token });
    const url = `${app.url}/metrics`;

    const anonymous = await scrape(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(anonymous.body).not.toContain("lauwer_");
    for (const wrong of [token.slice(0, -1), `${token}x`, token.toUpperCase(), "x"]) {
      expect((await scrape(url, wrong)).status).toBe(401);
    }
    const basic = await fetch(url, { headers: { authorization: `Basic ${Buffer.from(`x:${token}`).toString("base64")}` } });
    expect(basic.status).toBe(401);

    const first = await scrape(url, token);
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/^text\/plain/);
    expect(first.headers.get("cache-control")).toBe("no-store");
    for (const name of EXPECTED) expect(first.body, name).toMatch(new RegExp(`^# TYPE ${name} `, "m"));

    // Requests are counted by route id, method and status class: three more GET / show as three more.
    const home = { route: "routes/_index", method: "GET", status_class: "2xx" };
    for (let i = 0; i < 3; i++) expect((await fetch(`${app.url}/`)).status).toBe(200);
    const r = await createVoteRound({ categories: 1, candidatesPerCategory: 2, allowChange: true });
    expect((await fetch(`${app.url}${r.base}`)).status).toBe(200);
    const missing = await fetch(`${app.url}/prijzen/${r.slug}-bestaat-niet/2026`);
    expect(missing.status).toBe(404);
    const [voter] = await createVoters(1);
    const ballotPath = `${r.base}/${r.categories[0]!.slug}`;
    const choice = r.candidates[r.categoryIds[0]!]![0]!;
    expect(confirmed(await postBallot(app.url, ballotPath, voter!.cookie, choice))).toBe(true);
    // The same ballot again (an answer lost on the way) is confirmed as the stored one, not cast twice.
    expect(confirmed(await postBallot(app.url, ballotPath, voter!.cookie, choice))).toBe(true);
    // The round allows a change: another choice is a new version of the same ballot.
    const other = r.candidates[r.categoryIds[0]!]![1]!;
    expect(confirmed(await postBallot(app.url, ballotPath, voter!.cookie, other))).toBe(true);

    // The outbox as the database holds it at scrape time: a mail waiting for an hour and a failed one.
    await sql`insert into outbox_email (to_address, locale, template, subject, body_text, created_at)
      values ('oud@example.nl', 'nl', 'verify', 'Oud', 'x', now() - interval '1 hour')`.execute(getDb());
    await sql`insert into outbox_email (to_address, locale, template, subject, body_text, status)
      values ('mislukt@example.nl', 'nl', 'verify', 'Mislukt', 'x', 'failed')`.execute(getDb());
    const outbox = await sql<{ status: string; n: number }>`
      select status, count(*)::int as n from outbox_email group by status`.execute(getDb());
    const count = (status: string) => outbox.rows.find((row) => row.status === status)?.n ?? 0;

    const after = await scrape(url, token);
    expect(after.status).toBe(200);
    const m = after.body;
    expect(sample(m, "lauwer_http_requests_total", home) - sample(first.body, "lauwer_http_requests_total", home)).toBe(3);
    expect(
      sample(m, "lauwer_http_request_duration_seconds_count", home) -
        sample(first.body, "lauwer_http_request_duration_seconds_count", home),
    ).toBe(3);
    // A URL with a slug and numbers is counted under its route pattern, never under the raw URL.
    const round = { route: "routes/prijzen.$award.$year.ronde.$position._index", method: "GET", status_class: "2xx" };
    expect(sample(m, "lauwer_http_requests_total", round)).toBe(1);
    const ballot = { route: "routes/prijzen.$award.$year.ronde.$position.$category", method: "POST", status_class: "3xx" };
    expect(sample(m, "lauwer_http_requests_total", ballot)).toBe(3);
    expect(
      sample(m, "lauwer_http_requests_total", { route: "routes/prijzen.$award.$year._index", method: "GET", status_class: "4xx" }),
    ).toBe(1);
    expect(m).not.toContain(r.slug);
    expect(m).not.toContain(r.categories[0]!.slug);
    // The unauthorised scrapes above are counted too (someone probing shows up), under one label.
    expect(sample(m, "lauwer_http_requests_total", { route: "metrics", method: "GET", status_class: "4xx" })).toBe(6);

    expect(sample(m, "lauwer_ballots_cast_total", { result: "cast" })).toBe(1);
    expect(sample(m, "lauwer_ballots_cast_total", { result: "unchanged" })).toBe(1);
    expect(sample(m, "lauwer_ballots_cast_total", { result: "changed" })).toBe(1);

    expect(count("pending")).toBeGreaterThanOrEqual(3); // the ballot's two receipts and the old mail: no SMTP, so nothing is sent
    expect(sample(m, "lauwer_outbox_emails", { status: "pending" })).toBe(count("pending"));
    expect(sample(m, "lauwer_outbox_emails", { status: "failed" })).toBe(count("failed"));
    expect(sample(m, "lauwer_outbox_oldest_pending_age_seconds")).toBeGreaterThanOrEqual(3600);
    expect(sample(m, "lauwer_outbox_oldest_pending_age_seconds")).toBeLessThan(3600 + 600);
    expect(sample(m, "lauwer_database_up")).toBe(1);

    // This process's one pool (DB_POOL_MAX=8): the Remix build and the server bundle share it, so the
    // process never opens more than DB_POOL_MAX connections. The scrape holds one while it reads the outbox.
    const max = sample(m, "lauwer_db_pool_max_connections");
    expect(max).toBe(8);
    const total = sample(m, "lauwer_db_pool_connections");
    expect(total).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThanOrEqual(max);
    expect(sample(m, "lauwer_db_pool_idle_connections")).toBeLessThanOrEqual(total);
    expect(sample(m, "lauwer_db_pool_waiting_requests")).toBe(0);
  });

  it("on a separate METRICS_PORT (loopback by default): open there without a token, still 404 on the main port", async () => {
    const port = await freePort();
    const app = await start({ METRICS_PORT: String(port) });
    expect((await scrape(`${app.url}/metrics`)).status).toBe(404);
    const res = await scrape(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    for (const name of EXPECTED) expect(res.body, name).toMatch(new RegExp(`^# TYPE ${name} `, "m"));
    // Only /metrics is served there, and only read.
    expect((await scrape(`http://127.0.0.1:${port}/`)).status).toBe(404);
    expect((await scrape(`http://127.0.0.1:${port}/dev/mail`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: "POST" })).status).toBe(405);
    // The app's requests are counted; the metrics port's own are not app traffic.
    await fetch(`${app.url}/`);
    const again = await scrape(`http://127.0.0.1:${port}/metrics`);
    expect(sample(again.body, "lauwer_http_requests_total", { route: "routes/_index", method: "GET", status_class: "2xx" })).toBe(1);
  });

  it("with both METRICS_PORT and METRICS_TOKEN, the token is asked on the separate port too", async () => {
    const port = await freePort();
    const token = randomBytes(24).toString("hex");
    const app = await start({ METRICS_PORT: String(port), METRICS_TOKEN: token });
    expect((await scrape(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    expect((await scrape(`http://127.0.0.1:${port}/metrics`, token)).status).toBe(200);
    expect((await scrape(`${app.url}/metrics`, token)).status).toBe(200);
  });

  it("refuses to start with a short METRICS_TOKEN", async () => {
    await expect(start({ METRICS_TOKEN: "kort" })).rejects.toThrow(/METRICS_TOKEN/);
  });
});
