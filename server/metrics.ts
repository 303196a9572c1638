import cluster, { type Worker } from "node:cluster";
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { readdirSync } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import type { Request, Response } from "express";
import { sql } from "kysely";
import type pg from "pg";
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, register } from "prom-client";
import type { Config } from "~/config.server";
import { getDb } from "~/db.server";
import { ballotCounter, trackedPools } from "~/lib/metrics.server";
import { logger } from "~/logger.server";

/*
 * The Prometheus endpoint (ADR 0022). Off unless METRICS_TOKEN or METRICS_PORT is set; never public:
 * on the main port only with `Authorization: Bearer <METRICS_TOKEN>`, on METRICS_PORT (bound to
 * METRICS_HOST, by default HOST) for whoever can reach that port, with the token asked there too when set.
 * Every instance reports its own figures: Prometheus scrapes each instance (docs/deploy.md). Within an
 * instance of several workers (ADR 0034) the primary adds up the workers' figures (prom-client's
 * AggregatorRegistry); a worker asked on the main port passes the scrape to the primary.
 */

export const metricsEnabled = (c: Config) => Boolean(c.METRICS_TOKEN ?? c.METRICS_PORT);

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

interface AppMetrics {
  requests: Counter<"route" | "method" | "status_class">;
  duration: Histogram<"route" | "method" | "status_class">;
  outbox: Gauge<"status">;
  oldestMail: Gauge;
  databaseUp: Gauge;
}

const GLOBAL = Symbol.for("lauwer.metrics.app");
type Holder = { [GLOBAL]?: AppMetrics };

/** The process's metrics, registered once in prom-client's global registry (createApp may run more than once). */
function appMetrics(): AppMetrics {
  const holder = globalThis as Holder;
  if (holder[GLOBAL]) return holder[GLOBAL];
  collectDefaultMetrics({ register });
  ballotCounter();
  const poolGauge = (name: string, help: string, read: (p: pg.Pool) => number) =>
    new Gauge({
      name,
      help,
      collect() {
        this.set(trackedPools().reduce((sum, p) => sum + read(p), 0));
      },
    });
  poolGauge(
    "lauwer_db_pool_connections",
    "Connections to PostgreSQL this process holds open, in use or idle (all its pools)",
    (p) => p.totalCount,
  );
  poolGauge("lauwer_db_pool_idle_connections", "Open connections to PostgreSQL not in use", (p) => p.idleCount);
  poolGauge("lauwer_db_pool_waiting_requests", "Queries waiting for a connection because every one is in use", (p) => p.waitingCount);
  poolGauge(
    "lauwer_db_pool_max_connections",
    "Most connections this process's pools may open (DB_POOL_MAX per pool)",
    (p) => p.options.max ?? 10,
  );
  // A worker hands its figures to the primary when asked (ADR 0034).
  if (cluster.isWorker) answerCollects();
  holder[GLOBAL] = {
    requests: new Counter({
      name: "lauwer_http_requests_total",
      help: "HTTP requests answered, by route (Remix route id, or healthz, readyz, metrics, static, unmatched), method and status class",
      labelNames: ["route", "method", "status_class"] as const,
    }),
    duration: new Histogram({
      name: "lauwer_http_request_duration_seconds",
      help: "Time from receiving a request to the end of its response (a projector stream counts while it stays open)",
      labelNames: ["route", "method", "status_class"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
    // Read from the database at scrape time: prom-client collects every metric at once, so the three
    // share one read (readOnce) and each waits for it before it is written out. The same
    // figures in every worker: a cluster reports the highest (the lowest for "up"), not their sum.
    outbox: new Gauge({
      name: "lauwer_outbox_emails",
      help: "Mails in the outbox not sent (yet), by status, read from the database at scrape time (all processes)",
      labelNames: ["status"] as const,
      aggregator: "max",
      collect: readOnce,
    }),
    oldestMail: new Gauge({
      name: "lauwer_outbox_oldest_pending_age_seconds",
      help: "Age of the oldest mail waiting to be delivered (pending or sending), 0 when none waits",
      aggregator: "max",
      collect: readOnce,
    }),
    databaseUp: new Gauge({
      name: "lauwer_database_up",
      help: "1 when this scrape could read the database (outbox figures), 0 when it could not",
      aggregator: "min",
      collect: readOnce,
    }),
  };
  return holder[GLOBAL];
}

/**
 * The route a path belongs to, as Remix matches it: the id of the deepest matching route (ranked as
 * React Router ranks them). Labels stay bounded by the route manifest, never a raw URL with its ids.
 */
export function routeMatcher(routes: ServerBuild["routes"]): (pathname: string) => string | undefined {
  const fullPath = (id: string | undefined): string[] => {
    const route = id ? routes[id] : undefined;
    if (!route) return [];
    return [...fullPath(route.parentId), ...(route.path ? [route.path] : [])];
  };
  const branches = Object.values(routes)
    .filter((r): r is NonNullable<typeof r> => Boolean(r) && (r!.path != null || Boolean(r!.index)))
    .map((route, order) => {
      const path = fullPath(route.id).join("/").replace(/\/+/g, "/");
      return { id: route.id, order, score: score(path, Boolean(route.index)), regex: compile(path, Boolean(route.caseSensitive)) };
    })
    .sort((a, b) => b.score - a.score || a.order - b.order);
  return (pathname) => {
    const decoded = pathname
      .split("/")
      .map((segment) => {
        try {
          return decodeURIComponent(segment).replaceAll("/", "%2F");
        } catch {
          return segment;
        }
      })
      .join("/");
    return branches.find((b) => b.regex.test(decoded))?.id;
  };
}

// React Router's ranking (computeScore) and pattern (compilePath), for a whole path.
function score(path: string, index: boolean): number {
  const segments = path.split("/");
  let initial = segments.length + (segments.includes("*") ? -2 : 0) + (index ? 2 : 0);
  for (const s of segments) if (s !== "*") initial += /^:[\w-]+$/.test(s) ? 3 : s === "" ? 1 : 10;
  return initial;
}

function compile(path: string, caseSensitive: boolean): RegExp {
  let source =
    "^" +
    path
      .replace(/\/*\*?$/, "")
      .replace(/^\/*/, "/")
      .replace(/[\\.*+^${}|()[\]]/g, "\\$&")
      .replace(/\/:[\w-]+(\?)?/g, (_, optional?: string) => (optional ? "(?:/[^/]+)?" : "/[^/]+"));
  if (path.endsWith("*")) source += path === "*" || path === "/*" ? ".*$" : "(?:/.+|/*)$";
  else source += "/*$";
  return new RegExp(source, caseSensitive ? undefined : "i");
}

/**
 * Counts every request and its duration by route, method and status class. A no-op when metrics are
 * off. Put first, so requests answered before Remix (health, static files, refusals) count too.
 */
export function httpMetrics(build: ServerBuild, c: Config, publicDir: string) {
  if (!metricsEnabled(c)) return (_req: IncomingMessage, _res: ServerResponse, next: () => void) => next();
  const m = appMetrics();
  const match = routeMatcher(build.routes);
  let publicEntries = new Set<string>();
  try {
    publicEntries = new Set(readdirSync(publicDir));
  } catch {
    // No public directory (a test build): nothing is served from it.
  }
  const routeOf = (path: string): string => {
    if (path === "/healthz" || path === "/readyz" || path === "/metrics") return path.slice(1);
    const first = path.split("/")[1] ?? "";
    if (first === "build" || publicEntries.has(first)) return "static";
    // A single-fetch data request (/x.data, /_root.data for "/") belongs to the page's route.
    const page = path === "/_root.data" ? "/" : path.endsWith(".data") ? path.slice(0, -5) : path;
    return match(page) ?? "unmatched";
  };
  // In front of express (ADR 0049): the path is the address's, without its query, as express's req.path.
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const started = process.hrtime.bigint();
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const route = routeOf(q < 0 ? url : url.slice(0, q));
    const method = req.method !== undefined && METHODS.has(req.method) ? req.method : "other";
    // "close" comes for every response: finished, or cut off when the client went away.
    res.once("close", () => {
      const labels = { route, method, status_class: `${Math.floor(res.statusCode / 100)}xx` };
      m.requests.inc(labels);
      m.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

/*
 * A scrape's budget. Prometheus says how long it waits (X-Prometheus-Scrape-Timeout-Seconds, its
 * scrape_timeout, 10 s by default); the answer must come before that, so the figures are gathered within
 * nine tenths of it. The database read gets half of that budget: when it is slow, the figures of the
 * processes still arrive, with lauwer_database_up 0. Without the header (curl) the budget is Prometheus's
 * default. Fixed deadlines would fail scrapes on a busy machine that a longer scrape_timeout allows.
 */
const DEFAULT_SCRAPE_SECONDS = 10;
export function scrapeBudgetMs(header: string | string[] | undefined): number {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  const wait = Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 600) : DEFAULT_SCRAPE_SECONDS;
  return Math.round(wait * 900);
}

let reading: Promise<void> | undefined;
let readBudgetMs = scrapeBudgetMs(undefined) / 2;
/** One database read per scrape, shared by the gauges that show it (they are collected concurrently). */
function readOnce(): Promise<void> {
  const m = (globalThis as Holder)[GLOBAL];
  if (!m) return Promise.resolve();
  reading ??= readDatabase(m, readBudgetMs).finally(() => {
    reading = undefined;
  });
  return reading;
}

/** This process's own figures, with the database read given half of the scrape's budget. */
function collectOwn<T>(budgetMs: number, collect: () => Promise<T>): Promise<T> {
  appMetrics();
  readBudgetMs = budgetMs / 2;
  return collect();
}

/** Reads the figures that come from the database, with a deadline so a slow database never hangs a scrape. */
async function readDatabase(m: AppMetrics, budgetMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`metrics: database read took over ${budgetMs} ms`)), budgetMs);
    });
    // Uses the partial index outbox_email_unsent_idx: the cost follows the mails not sent, not all ever sent.
    const query = sql<{ pending: number; sending: number; failed: number; oldest: number }>`
      select
        count(*) filter (where status = 'pending')::int as pending,
        count(*) filter (where status = 'sending')::int as sending,
        count(*) filter (where status = 'failed')::int as failed,
        coalesce(extract(epoch from now() - min(created_at) filter (where status in ('pending', 'sending'))), 0)::float8 as oldest
      from outbox_email where status <> 'sent'`.execute(getDb());
    const row = (await Promise.race([query, deadline])).rows[0]!;
    m.outbox.set({ status: "pending" }, row.pending);
    m.outbox.set({ status: "sending" }, row.sending);
    m.outbox.set({ status: "failed" }, row.failed);
    m.oldestMail.set(row.oldest);
    m.databaseUp.set(1);
  } catch (err) {
    // No stale figures: what could not be read is left out, and the database reported down.
    logger.warn({ err }, "metrics: could not read the outbox");
    m.outbox.reset();
    m.oldestMail.reset();
    m.databaseUp.set(0);
  } finally {
    clearTimeout(timer);
  }
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer +([^\s]+) *$/i.exec(header ?? "")?.[1];
  if (!given) return false;
  // Compared as hashes of equal length, in constant time.
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  res.statusCode = status;
  for (const [k, v] of Object.entries({ ...headers, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }))
    res.setHeader(k, v);
  res.end(text);
}

/** Answers a scrape: 401 without the configured token, else the figures of this process. */
function answer(req: IncomingMessage, res: ServerResponse, c: Config) {
  if (c.METRICS_TOKEN && !bearerMatches(req.headers.authorization, c.METRICS_TOKEN)) {
    plain(res, 401, "Unauthorized", { "WWW-Authenticate": 'Bearer realm="metrics"' });
    return;
  }
  void (async () => {
    try {
      const { body, contentType } = await scrape(scrapeBudgetMs(req.headers["x-prometheus-scrape-timeout-seconds"]));
      plain(res, 200, req.method === "HEAD" ? "" : body, { "Content-Type": contentType, "X-Content-Type-Options": "nosniff" });
    } catch (err) {
      logger.error({ err }, "metrics: scrape failed");
      if (!res.headersSent) plain(res, 500, "metrics unavailable");
    }
  })();
}

interface Scrape {
  body: string;
  contentType: string;
}
const ASK = "lauwer:metrics?";
const ANSWER = "lauwer:metrics";
const COLLECT = "lauwer:collect?";
const COLLECTED = "lauwer:collect";
type Answer = { type: typeof ANSWER; id: string; error?: string } & Partial<Scrape>;
type Collected = { type: typeof COLLECTED; id: string; error?: string; metrics?: MetricsJson };
type MetricsJson = Awaited<ReturnType<typeof register.getMetricsAsJSON>>;
let isPrimary = false;

/** The figures of a scrape: this process's; in a primary with workers, theirs added up; in a worker, the primary's answer. */
async function scrape(budgetMs: number): Promise<Scrape> {
  if (cluster.isWorker) return askPrimary(budgetMs);
  if (isPrimary) {
    const registry = AggregatorRegistry.aggregate(await collectWorkers(budgetMs));
    return { body: await registry.metrics(), contentType: registry.contentType };
  }
  return { body: await collectOwn(budgetMs, () => register.metrics()), contentType: register.contentType };
}

function askPrimary(budgetMs: number): Promise<Scrape> {
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      const answer = message as Answer;
      if (answer?.type !== ANSWER || answer.id !== id) return;
      clearTimeout(timer);
      process.off("message", onMessage);
      if (answer.error !== undefined || answer.body === undefined) reject(new Error(answer.error ?? "metrics: empty answer"));
      else resolve({ body: answer.body, contentType: answer.contentType ?? register.contentType });
    };
    // The primary answers within the budget, with the figures or why not; this only guards against a
    // primary that is gone.
    const timer = setTimeout(() => {
      process.off("message", onMessage);
      reject(new Error("metrics: the primary did not answer"));
    }, budgetMs + 5000);
    process.on("message", onMessage);
    process.send?.({ type: ASK, id, budgetMs });
  });
}

/** In a worker: hands this process's figures to the primary when it asks. */
function answerCollects() {
  process.on("message", (message: unknown) => {
    const ask = message as { type?: string; id?: string; budgetMs?: number };
    if (ask?.type !== COLLECT || typeof ask.id !== "string") return;
    const id = ask.id;
    collectOwn(Number(ask.budgetMs) || scrapeBudgetMs(undefined), () => register.getMetricsAsJSON()).then(
      (metrics) => process.send?.({ type: COLLECTED, id, metrics } satisfies Collected),
      (err: unknown) => process.send?.({ type: COLLECTED, id, error: String(err) } satisfies Collected),
    );
  });
}

/**
 * In the primary: the figures of every worker that listens, within the budget. A worker still starting
 * has served nothing and is not waited for; one that stops during the scrape is left out. A worker
 * that does not answer in time fails the scrape: leaving its counters out would look like a reset.
 */
function collectWorkers(budgetMs: number): Promise<MetricsJson[]> {
  const id = randomUUID();
  const asked = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && w.isConnected() && listening.has(w.id));
  if (asked.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const answers = new Map<number, MetricsJson>();
    const waiting = new Set(asked.map((w) => w.id));
    const finish = (err?: Error) => {
      clearTimeout(timer);
      cluster.off("message", onMessage);
      cluster.off("exit", onExit);
      if (err) reject(err);
      else resolve([...answers.values()]);
    };
    const settle = () => waiting.size === 0 && finish();
    const onMessage = (worker: Worker, message: unknown) => {
      const got = message as Collected;
      if (got?.type !== COLLECTED || got.id !== id || !waiting.has(worker.id)) return;
      if (got.error !== undefined || !got.metrics)
        return finish(new Error(`metrics: worker ${worker.process.pid}: ${got.error ?? "no figures"}`));
      waiting.delete(worker.id);
      answers.set(worker.id, got.metrics);
      settle();
    };
    const onExit = (worker: Worker) => {
      waiting.delete(worker.id);
      settle();
    };
    const timer = setTimeout(
      () => finish(new Error(`metrics: ${waiting.size} of ${asked.length} workers did not answer within ${budgetMs} ms`)),
      budgetMs,
    );
    cluster.on("message", onMessage);
    cluster.on("exit", onExit);
    for (const w of asked) w.send({ type: COLLECT, id, budgetMs });
  });
}

const listening = new Set<number>();

/** In the primary of several workers: scrapes add up the workers' figures, also those asked on the main port. */
export function answerMetricsRequests(c: Config) {
  if (!metricsEnabled(c)) return;
  isPrimary = true;
  cluster.on("listening", (worker) => listening.add(worker.id));
  cluster.on("exit", (worker) => listening.delete(worker.id));
  cluster.on("message", (worker, message: unknown) => {
    const ask = message as { type?: string; id?: string; budgetMs?: number };
    if (ask?.type !== ASK || typeof ask.id !== "string") return;
    const id = ask.id;
    scrape(Number(ask.budgetMs) || scrapeBudgetMs(undefined)).then(
      (s) => worker.isConnected() && worker.send({ type: ANSWER, id, ...s } satisfies Answer),
      (err: unknown) => worker.isConnected() && worker.send({ type: ANSWER, id, error: String(err) } satisfies Answer),
    );
  });
}

/** GET /metrics on the main port: 404 unless METRICS_TOKEN is set, then only with that bearer token. */
export function metricsEndpoint(c: Config) {
  return (req: Request, res: Response) => {
    if (!c.METRICS_TOKEN) plain(res, 404, "Not found");
    else answer(req, res, c);
  };
}

/** The separate metrics port, when METRICS_PORT is set: /metrics only, read only. Resolves once it listens. */
export async function startMetricsServer(c: Config): Promise<http.Server | undefined> {
  if (!c.METRICS_PORT) return undefined;
  const host = c.METRICS_HOST ?? c.HOST;
  const server = http.createServer((req, res) => {
    if ((req.url ?? "/").split("?")[0] !== "/metrics") return plain(res, 404, "Not found");
    if (req.method !== "GET" && req.method !== "HEAD") return plain(res, 405, "Method not allowed", { Allow: "GET, HEAD" });
    answer(req, res, c);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(c.METRICS_PORT, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  logger.info({ host, port: c.METRICS_PORT, token: Boolean(c.METRICS_TOKEN) }, "metrics listen on their own port");
  return server;
}

/** Stops the metrics port: no new scrapes, open keep-alive connections closed. */
export function stopMetricsServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
