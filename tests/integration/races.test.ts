import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { ensureDatabase } from "../../db/database";
import { startAppProcess, type AppProcess } from "../setup/app-process";
import { createUser, PASSWORD } from "../setup/factories";
import { ORIGIN, sessionCookieFrom, startTestServer, type TestServer } from "../setup/http";

// Check-then-act races: a limit that is checked before it is counted lets a burst through, and a
// start-up that checks for an empty database before seeding seeds once per process.

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app.close();
});

describe("login limit under a burst of guesses", () => {
  it("counts 20 parallel wrong passwords as 20 attempts: the right password right after is refused", async () => {
    const user = await createUser();
    const limit = config().LOGIN_FAILURES_PER_ACCOUNT;
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => app.request("/inloggen", { form: { email: user.email, password: `fout-${i}-xxxxxxxx` } })),
    );
    const statuses = burst.map((r) => r.status);
    // Only as many guesses as the limit allows are even verified; the rest are throttled.
    expect(statuses.filter((s) => s === 400)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - limit);
    const right = await app.request("/inloggen", { form: { email: user.email, password: PASSWORD } });
    expect(right.status).toBe(429);
    expect(sessionCookieFrom(right)).toBeUndefined();
  });

  it("still lets a person in after a few mistakes, and a success gives the address its attempt back", async () => {
    const user = await createUser();
    const ipPoints = async () =>
      (await getDb().selectFrom("rate_limit").select(["key", "points"]).where("key", "like", "loginIp:%").execute()).reduce(
        (sum, r) => sum + r.points,
        0,
      );
    const before = await ipPoints();
    for (let i = 0; i < 2; i++)
      expect((await app.request("/inloggen", { form: { email: user.email, password: `fout-${i}-xxxxxxxx` } })).status).toBe(400);
    const right = await app.request("/inloggen", { form: { email: user.email, password: PASSWORD } });
    expect(right.status).toBe(302);
    expect(sessionCookieFrom(right)).toBeDefined();
    // Two failures counted for the address, the success not.
    expect(await ipPoints()).toBe(before + 2);
  });
});

describe("three processes started at once on an empty database", () => {
  let apps: AppProcess[] = [];
  afterAll(async () => {
    for (const a of apps) a.child.kill("SIGTERM");
    await Promise.all(apps.map((a) => a.exited));
  });

  it("seed it once, and the demo password that was printed works", async () => {
    const adminUrl = inject("pgAdminUrl");
    const name = `lauwer_test_seed_${process.pid}`;
    // A migrated, empty database (a copy of the test template).
    await ensureDatabase(adminUrl, name, "lauwer_test_template");
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    apps = await Promise.all(
      [0, 1, 2].map(() => startAppProcess({ env: { DATABASE_URL: url.toString(), SEED_ON_EMPTY: "true", LOG_LEVEL: "warn" } })),
    );
    const printed = apps.map((a) => /password:\s+(\S+)/.exec(a.output())?.[1]).filter(Boolean);
    expect(printed).toHaveLength(1);
    for (const a of apps) {
      const res = await fetch(`${a.url}/inloggen`, {
        method: "POST",
        headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "beheerder@lauwer.test", password: printed[0]! }).toString(),
        redirect: "manual",
      });
      expect(res.status).toBe(302);
    }
  }, 900_000);
});
