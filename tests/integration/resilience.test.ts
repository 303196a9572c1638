import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "../setup/app-process";
import { voteThroughFault } from "../setup/chaos";
import { figures, nominateThroughFault, scoreThroughFault } from "../setup/chaos-forms";

// A database fault while people vote, nominate and score (issue: "one dropped database connection
// stops the app for good"; #15: "same for a nomination submit and a jury score"): PostgreSQL ends the
// app's connections — as pg_terminate_backend, a failover or an idle-in-transaction timeout does —
// again and again while ballots, nominations and score sheets are in flight.

const APP_NAME = `lauwer-chaos-${randomUUID().slice(0, 8)}`;
let app: AppProcess;

beforeAll(async () => {
  app = await startAppProcess({
    env: { DATABASE_URL: process.env.DATABASE_URL, PGAPPNAME: APP_NAME, VOTE_LIMIT_PER_IP: "100000", LOG_LEVEL: "warn" },
  });
}, 900_000);
afterAll(async () => {
  app?.child.kill("SIGTERM");
  await app?.exited;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ends every connection of the app, 20 times, 100 ms apart (`midway` after the fifth); returns how many it ended. */
async function terminateRepeatedly(midway: () => void = () => undefined): Promise<number> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  let terminated = 0;
  try {
    for (let i = 0; i < 20; i++) {
      const r = await admin.query<{ ok: boolean }>(
        "select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()",
        [APP_NAME],
      );
      terminated += r.rows.filter((x) => x.ok).length;
      if (i === 4) midway();
      await sleep(100);
    }
  } finally {
    await admin.end();
  }
  return terminated;
}

describe("the app's connections are terminated while ballots are cast", () => {
  it("stays up, tells every voter the truth, stores each ballot once, and the next try works", async () => {
    let terminated = 0;
    const result = await voteThroughFault(app, async () => {
      terminated = await terminateRepeatedly();
    });
    expect(terminated).toBeGreaterThan(0);
    console.info(
      `terminate: ${terminated} connections ended; ${result.confirmedFirst} confirmed at once, ${result.refused} refused then stored`,
    );
    // Still the one process, answering.
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    expect(app.output()).toContain("database connection lost");
  });
});

describe("the app's connections are terminated while members nominate and jurors score", () => {
  it("nominations: every confirmed one stored once, every refused one told so and stored once when sent again", async () => {
    let terminated = 0;
    const result = await nominateThroughFault(app, async (midway) => {
      terminated = await terminateRepeatedly(midway);
    });
    expect(terminated).toBeGreaterThan(0);
    console.info(`terminate (${terminated} connections ended) — ${figures("nominations", result)}`);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });

  it("jury scores: every confirmed sheet stored as sent, once; every refused one told so and stored when sent again", async () => {
    let terminated = 0;
    const result = await scoreThroughFault(app, async (midway) => {
      terminated = await terminateRepeatedly(midway);
    });
    expect(terminated).toBeGreaterThan(0);
    console.info(`terminate (${terminated} connections ended) — ${figures("jury scores", result)}`);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });
});
