import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { resolveDatabase } from "../db/database";
import { migrateToLatest } from "../db/migrate";
import { isEmpty, printAccounts, seed } from "../db/seed";
import { deleteExpiredSessions } from "~/auth/lucia.server";
import { config } from "~/config.server";
import { closeDb, getDb } from "~/db.server";
import { configSummary, logger } from "~/logger.server";
import { startOutboxWorker } from "~/modules/mail/worker.server";
import { deleteExpiredRateLimits } from "~/modules/rate-limit/rate-limit.server";
import { advanceClosedRounds } from "~/modules/voting/round.server";
import { describeReport, runRetention } from "~/modules/privacy/retention.server";
import { createApp } from "./app";

async function main() {
  const c = config();
  const { embedded } = await resolveDatabase(c.DATA_DIR, (line) => logger.debug({ postgres: line.trim() }));
  const db = getDb();
  const applied = await migrateToLatest(db);
  if (applied.length) logger.info({ migrations: applied }, "migrated");
  // Demo data only where it cannot surprise anyone: an embedded database outside production, or when asked.
  if ((c.SEED_ON_EMPTY ?? (Boolean(embedded) && !c.isProduction)) && (await isEmpty(db))) {
    printAccounts(await seed(db));
  }

  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const app = createApp(build);
  const server = app.listen(c.PORT, c.HOST, () => {
    logger.info(configSummary(), `Lauwer listens on ${c.origin}`);
  });

  if (c.isProduction && !c.SMTP_URL) logger.warn("SMTP_URL is not set: mail is queued in the outbox but not delivered");
  const worker = startOutboxWorker(db);
  const maintenance = setInterval(() => {
    Promise.all([deleteExpiredSessions(), deleteExpiredRateLimits()]).catch((err: unknown) => logger.error({ err }, "maintenance failed"));
  }, 10 * 60_000);
  maintenance.unref();
  // Vote rounds that closed advance their top K within a minute (also done on demand by the pages that need it).
  const advancing = setInterval(() => {
    advanceClosedRounds(getDb()).catch((err: unknown) => logger.error({ err }, "advancing closed rounds failed"));
  }, 60_000);
  advancing.unref();
  // Editions past their retention period are anonymised within the hour (also: npm run privacy:retention).
  const retention = setInterval(() => {
    runRetention(getDb())
      .then((reports) => reports.forEach((r) => logger.info({ edition: r.editionId }, `retention: ${describeReport(r)}`)))
      .catch((err: unknown) => logger.error({ err }, "retention failed"));
  }, 3600_000);
  retention.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    clearInterval(maintenance);
    clearInterval(advancing);
    clearInterval(retention);
    await new Promise((resolve) => server.close(resolve));
    await worker.stop();
    await closeDb();
    await embedded?.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err: unknown) => {
  logger.fatal({ err }, "could not start");
  process.exit(1);
});
