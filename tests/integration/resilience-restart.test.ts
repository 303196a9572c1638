import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "~/db.server";
import { createDb } from "../../db/connection";
import { ensureDatabase } from "../../db/database";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../db/embedded";
import { migrateToLatest } from "../../db/migrate";
import { confirmed, postBallot, refusedClearly, startAppProcess, type AppProcess } from "../setup/app-process";
import { voteThroughFault } from "../setup/chaos";
import { figures, nominateThroughFault, scoreThroughFault } from "../setup/chaos-forms";
import { createVoteRound, createVoters } from "../setup/voting";

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
}, 900_000);

afterAll(async () => {
  app?.child.kill("SIGTERM");
  await app?.exited;
  await closeDb();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
}, 600_000);

describe("PostgreSQL restarts while ballots are cast, members nominate and jurors score", () => {
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

  it("nominations: every confirmed one stored once, every refused one told so and stored once when sent again", async () => {
    let restarted = false;
    const result = await nominateThroughFault(app, async (midway) => {
      await server.stop();
      // Requests arrive while PostgreSQL is down (and keep arriving while it starts again).
      midway();
      server = await startEmbeddedPostgres(dir, { durable: false, port });
      restarted = true;
    });
    expect(restarted).toBe(true);
    console.info(`restart — ${figures("nominations", result)}`);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });

  it("jury scores: every confirmed sheet stored as sent, once; every refused one told so and stored when sent again", async () => {
    let restarted = false;
    const result = await scoreThroughFault(app, async (midway) => {
      await server.stop();
      // Requests arrive while PostgreSQL is down (and keep arriving while it starts again).
      midway();
      server = await startEmbeddedPostgres(dir, { durable: false, port });
      restarted = true;
    });
    expect(restarted).toBe(true);
    console.info(`restart — ${figures("jury scores", result)}`);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });

  it("while PostgreSQL is down, pages and ballots answer 503 with Retry-After (the ballot's choices kept); the first request after it is back works", async () => {
    const r = await createVoteRound({ mode: "single", categories: 1, candidatesPerCategory: 2 });
    const [voter] = await createVoters(1);
    const path = `${r.base}/${r.categories[0]!.slug}`;
    const choice = r.candidates[r.categoryIds[0]!]![0]!;
    await server.stop();
    try {
      const page = await fetch(`${app.url}${r.base}`);
      expect(page.status).toBe(503);
      expect(page.headers.get("retry-after")).toBe("5");
      expect(await page.text()).toContain("database was even niet bereikbaar");
      // As the hydrated page posts it: the action's own answer, with the choice to send again.
      const ballot = await postBallot(app.url, path, voter!.cookie, choice, true);
      expect(refusedClearly(ballot)).toBe(true);
      expect(ballot.body).toContain(choice);
      // As a plain form posts it: a 503 page that says nothing was stored.
      expect(refusedClearly(await postBallot(app.url, path, voter!.cookie, choice))).toBe(true);
      expect((await fetch(`${app.url}/readyz`)).status).toBe(503);
    } finally {
      server = await startEmbeddedPostgres(dir, { durable: false, port });
    }
    expect(confirmed(await postBallot(app.url, path, voter!.cookie, choice))).toBe(true);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  }, 900_000);
});
