import cluster from "node:cluster";
import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { resolveDatabase } from "../db/database";
import { migrateToLatest } from "../db/migrate";
import { printAccounts, seedIfEmpty } from "../seed/seed";
import { deleteExpiredSessions } from "~/auth/lucia.server";
import { config, startupWarnings } from "~/config.server";
import { closeDb, getDb, isDatabaseUnavailable } from "~/db.server";
import { dataKeyring } from "~/lib/data-encryption.server";
import { configSummary, logger } from "~/logger.server";
import { providers } from "~/modules/identity/providers.server";
import { startOutboxWorker } from "~/modules/mail/worker.server";
import { sealStoredSecrets, unknownKeyProblem, type SealReport } from "~/modules/mfa/totp-secret.server";
import { runNotices } from "~/modules/notices/notices.server";
import { deleteExpiredChallenges } from "~/modules/mfa/mfa.server";
import { deleteExpiredRateLimits } from "~/modules/rate-limit/rate-limit.server";
import { advanceClosedRounds } from "~/modules/rounds/advance.server";
import { refreshSignalSnapshots } from "~/modules/voting/fraud-snapshot.server";
import { describeReport, runRetention } from "~/modules/privacy/retention.server";
import { createApp } from "./app";
import { connectionBudgetProblem, superviseWorkers, workerCount } from "./cluster";
import { createLifecycle } from "./lifecycle";
import { answerMetricsRequests, startMetricsServer, stopMetricsServer } from "./metrics";

/** What must end before the process exits, in this order after the HTTP server drained. */
const cleanup: Array<() => Promise<unknown> | void> = [];
let stopping: Promise<void> | undefined;

/**
 * Stops gracefully (ADR 0010): drain HTTP, then the timers and the mail worker, the pool, and the
 * embedded PostgreSQL. Exits with `code`; a second signal while stopping does not cut it short.
 */
function stop(reason: string, code: number, drain: () => Promise<{ forced: number }> = async () => ({ forced: 0 })) {
  stopping ??= (async () => {
    logger.info({ reason }, "shutting down");
    const { forced } = await drain();
    if (forced) logger.warn({ forced }, "drain time over: connections closed with requests still running");
    for (const step of cleanup.reverse()) {
      try {
        await step();
      } catch (err) {
        logger.error({ err }, "shutdown step failed");
      }
    }
    logger.info({ code }, "stopped");
    logger.flush();
    process.exit(code);
  })();
  return stopping;
}

/**
 * An error nobody handled. A database outage (a connection that broke in some corner without a
 * listener) is an outage, not a defect: log it and go on, the pool replaces the connection. Anything
 * else is a programmer error that may have left the process in an unknown state: log it with its
 * context, stop gracefully with exit code 1, and leave the restart to the supervisor (systemd,
 * compose, Kubernetes; see docs/deploy.md).
 */
function onUnhandled(kind: "uncaughtException" | "unhandledRejection", drain: () => Promise<{ forced: number }>) {
  return (error: unknown) => {
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: error, kind }, "database unavailable (handled at process level)");
      return;
    }
    logger.fatal({ err: error, kind }, "programmer error: stopping, the supervisor restarts the process");
    void stop(kind, 1, drain);
  };
}

/** What sealing the stored second-factor secrets did, when it did anything. */
function logSealReport(report: SealReport) {
  if (report.sealed > 0) logger.info({ sealed: report.sealed }, "second-factor secrets sealed with the current data encryption key");
  if (report.refused > 0)
    logger.error({ refused: report.refused }, "second-factor secrets that do not open (changed in the database?): those codes are refused");
  const problem = unknownKeyProblem(report);
  if (problem) logger.error(problem);
}

/** The jobs that run once across processes (each takes its lock in PostgreSQL): mail, notices, advancement, retention, upkeep. */
function startJobs(origin: string, tickMs: number) {
  const worker = startOutboxWorker(getDb());
  cleanup.push(() => worker.stop());
  const every = (ms: number, name: string, work: () => Promise<unknown>) => {
    const timer = setInterval(() => {
      work().catch((err: unknown) => logger.error({ err }, `${name} failed`));
    }, ms);
    timer.unref();
    cleanup.push(() => clearInterval(timer));
  };
  every(10 * 60_000, "maintenance", () =>
    Promise.all([
      deleteExpiredSessions(),
      deleteExpiredRateLimits(),
      deleteExpiredChallenges(getDb()),
      sealStoredSecrets(getDb()).then(logSealReport),
    ]),
  );
  // Vote rounds that closed advance their top K within a tick (also done on demand by the pages that need it).
  every(tickMs, "advancing closed rounds", () => advanceClosedRounds(getDb()));
  // Large rounds' kept fraud signals (ADR 0038): refreshed while open and once after closing, each by one process.
  every(tickMs, "fraud signals", () => refreshSignalSnapshots(getDb(), tickMs / 2000));
  // Lifecycle notices (ADR 0013): derived from state each tick, each mailed once across all processes.
  every(tickMs, "notices", () => runNotices(getDb(), { origin }));
  // Editions past their retention period are anonymised within the hour (also: npm run privacy:retention).
  every(3600_000, "retention", async () => {
    const reports = await runRetention(getDb());
    reports.forEach((r) => logger.info({ edition: r.editionId }, `retention: ${describeReport(r)}`));
  });
}

/**
 * One process runs everything; with several workers (ADR 0034) the primary prepares the database
 * (embedded server, migrations, secrets, demo data), runs the jobs, serves the metrics port and
 * supervises the workers, and the workers answer HTTP.
 */
async function main() {
  const c = config();
  const workers = cluster.isWorker ? 0 : workerCount(c.WEB_CONCURRENCY);
  const primary = workers > 1;
  const role = cluster.isWorker ? "worker" : primary ? "primary" : "single";
  // A wrong OIDC_PROVIDERS stops the start with its reason, instead of failing on the first login page.
  const sso = providers().map((p) => p.slug);
  if (sso.length > 0 && role !== "worker") logger.info({ providers: sso }, "single sign-on providers");
  // Production without DATA_ENCRYPTION_KEY (or with a wrong one) stops here, before any database (ADR 0032).
  const keys = dataKeyring();
  if (role !== "worker") {
    logger.info({ keyId: keys.keyring.current.id, previousKeyId: keys.keyring.previous?.id ?? null }, "data encryption key");
    if (keys.source.kind === "file")
      logger.warn(
        `DATA_ENCRYPTION_KEY is not set: second-factor secrets are encrypted with the development key in ${keys.source.file} ` +
          `(${keys.source.created ? "made now" : "made at an earlier start"}, mode 0600). It is not in any database backup: ` +
          "without it the authenticator apps set up here stop working. Production needs DATA_ENCRYPTION_KEY.",
      );
  }
  const lifecycle = createLifecycle({ drainMs: c.SHUTDOWN_DRAIN_MS });
  // Until the server listens, a signal or crash stops what was started so far.
  let drain = async () => ({ forced: 0 });
  process.on(
    "uncaughtException",
    onUnhandled("uncaughtException", () => drain()),
  );
  process.on(
    "unhandledRejection",
    onUnhandled("unhandledRejection", () => drain()),
  );
  process.on("SIGINT", () => void stop("SIGINT", 0, () => drain()));
  process.on("SIGTERM", () => void stop("SIGTERM", 0, () => drain()));

  // A worker inherits DATABASE_URL from the primary, which started the embedded server if there is one.
  const { embedded } = await resolveDatabase(c.DATA_DIR, (line) => logger.debug({ postgres: line.trim() }));
  if (embedded) {
    cleanup.push(() => embedded.stop());
    // The embedded server is ours to keep running: restarted when it dies, loudly given up when it cannot be.
    embedded.watch((event, err) => {
      if (event === "died") logger.error("embedded PostgreSQL stopped underneath the app: starting it again");
      else if (event === "restarted") logger.warn("embedded PostgreSQL started again");
      else {
        logger.fatal({ err }, "embedded PostgreSQL cannot be started again: stopping");
        void stop("embedded PostgreSQL lost", 1, () => drain());
      }
    });
  }
  const db = getDb();
  cleanup.push(() => closeDb());
  if (role !== "worker") {
    const applied = await migrateToLatest(db);
    if (applied.length) logger.info({ migrations: applied }, "migrated");
    // Secrets still in plain text (from before ADR 0032) or under the previous key are sealed with the
    // current key; secrets under a key this server was not given stop the start with the reason.
    const sealed = await sealStoredSecrets(db);
    const problem = unknownKeyProblem(sealed);
    if (problem) throw new Error(problem);
    logSealReport(sealed);
    // Demo data only where it cannot surprise anyone: an embedded database outside production, or when asked.
    if (c.SEED_ON_EMPTY ?? (Boolean(embedded) && !c.isProduction)) {
      const accounts = await seedIfEmpty(db);
      if (accounts) printAccounts(accounts);
    }
  }

  if (primary) {
    const budget = await connectionBudgetProblem(db, workers + 1, c.DB_POOL_MAX);
    if (budget) logger.warn(budget);
    const supervisor = superviseWorkers({
      count: workers,
      killAfterMs: c.SHUTDOWN_DRAIN_MS + 5000,
      log: logger,
      onGiveUp: (reason) => {
        logger.fatal({ reason }, "app workers cannot start: stopping");
        void stop("app workers cannot start", 1, () => drain());
      },
    });
    // Workers first (each drains its own requests), then the jobs, the pool and the embedded server.
    drain = async () => {
      await supervisor.stop();
      return { forced: 0 };
    };
    answerMetricsRequests(c);
    await supervisor.ready;
    logger.info(configSummary(), `Lauwer listens on ${c.origin} (${workers} app workers)`);
  } else {
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
    const app = createApp(build, { lifecycle });
    const server = createServer(app).listen(c.PORT, c.HOST, () => {
      if (role === "single") logger.info(configSummary(), `Lauwer listens on ${c.origin}`);
    });
    lifecycle.attach(server);
    drain = () => lifecycle.stop();
  }
  if (role === "worker") return;
  const metricsServer = await startMetricsServer(c);
  if (metricsServer) cleanup.push(() => stopMetricsServer(metricsServer));

  // What is unsafe about this configuration, said plainly where the deployer looks (ADR 0018).
  for (const warning of startupWarnings(c)) logger.warn(warning);
  if (!c.SMTP_URL && !c.devMailbox) logger.warn("SMTP_URL is not set: mail is queued in the outbox but not delivered");
  startJobs(c.origin, c.JOB_TICK_SECONDS * 1000);
}

main().catch((err: unknown) => {
  logger.fatal({ err }, "could not start");
  void stop("start failed", 1);
});
