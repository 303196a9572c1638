import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "../setup/app-process";
import { voteThroughFault } from "../setup/chaos";

// A database fault while people vote (issue: "one dropped database connection stops the app for
// good"): PostgreSQL ends the app's connections — as pg_terminate_backend, a failover or an
// idle-in-transaction timeout does — again and again while ballots are in flight.

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

describe("the app's connections are terminated while ballots are cast", () => {
  it("stays up, tells every voter the truth, stores each ballot once, and the next try works", async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    let terminated = 0;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // Bounded: 20 rounds of "end every connection of the app", 100 ms apart.
    const fault = async () => {
      for (let i = 0; i < 20; i++) {
        const r = await admin.query<{ ok: boolean }>(
          "select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()",
          [APP_NAME],
        );
        terminated += r.rows.filter((x) => x.ok).length;
        await sleep(100);
      }
    };
    try {
      const result = await voteThroughFault(app, fault);
      expect(terminated).toBeGreaterThan(0);
      console.info(
        `terminate: ${terminated} connections ended; ${result.confirmedFirst} confirmed at once, ${result.refused} refused then stored`,
      );
    } finally {
      await admin.end();
    }
    // Still the one process, answering.
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    expect(app.output()).toContain("database connection lost");
  });
});
