import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "~/db.server";
import { createDb } from "../../db/connection";
import { ensureDatabase } from "../../db/database";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../db/embedded";
import { migrateToLatest } from "../../db/migrate";
import { startAppProcess, type AppProcess } from "../setup/app-process";
import { voteThroughFault } from "../setup/chaos";

// PostgreSQL itself restarts while people vote (an upgrade, a failover, a crash). This file runs its
// own PostgreSQL server, so restarting it disturbs no other test: this worker's database connection
// points at it too (set before anything connected).

const dir = `.data/test-restart-${process.pid}`;
let server: EmbeddedServer;
let port: number;
let app: AppProcess;

beforeAll(async () => {
  await rm(dir, { recursive: true, force: true });
  server = await startEmbeddedPostgres(dir, { durable: false });
  port = Number(new URL(server.adminUrl).port);
  await ensureDatabase(server.adminUrl, "lauwer");
  const { db } = createDb(server.urlFor("lauwer"), 1);
  await migrateToLatest(db);
  await db.destroy();
  process.env.DATABASE_URL = server.urlFor("lauwer");
  app = await startAppProcess({ env: { DATABASE_URL: server.urlFor("lauwer"), VOTE_LIMIT_PER_IP: "100000", LOG_LEVEL: "warn" } });
}, 120_000);

afterAll(async () => {
  app?.child.kill("SIGTERM");
  await app?.exited;
  await closeDb();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

describe("PostgreSQL restarts while ballots are cast", () => {
  it("the app stays up, tells every voter the truth, stores each ballot once, and works again at once", async () => {
    let restarted = false;
    const result = await voteThroughFault(app, async () => {
      await server.stop();
      server = await startEmbeddedPostgres(dir, { durable: false, port });
      restarted = true;
    });
    expect(restarted).toBe(true);
    console.info(`restart: ${result.confirmedFirst} confirmed at once, ${result.refused} refused then stored`);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });
});
