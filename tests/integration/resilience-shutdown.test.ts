import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { ORIGIN } from "../setup/http";
import { startAppProcess } from "../setup/app-process";
import { createVoteRound, createVoters } from "../setup/voting";

// Stopping the app (a deploy, a restart by the process manager) must fail no request it already
// received, tell projector screens to reconnect, and leave nothing running — also through `npm start`.

interface Answer {
  status: number;
  connection: string | undefined;
  error?: string;
}

/** Sends a request and resolves once it is fully written (in flight), with the answer to come. */
function send(agent: http.Agent, url: string, options: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ answer: Promise<Answer> }>((sent) => {
    const answer = new Promise<Answer>((resolve) => {
      const req = http.request(url, { agent, method: options.method ?? "GET", headers: options.headers }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        res.on("error", (e) => resolve({ status: 0, connection: undefined, error: String(e) }));
      });
      req.on("error", (e) => resolve({ status: 0, connection: undefined, error: String(e) }));
      req.on("finish", () => sent({ answer }));
      req.end(options.body);
    });
  });
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};
const postmasterPid = (dataDir: string) => Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);

describe("SIGTERM with requests in flight", () => {
  it("answers all 50 requests (keep-alive ones with Connection: close), tells the projector to reconnect, and exits 0 within the drain time", async () => {
    // The ballots below wait on this test's table lock while holding pool connections, and the other
    // requests queue for one. The pool's usual 5 s checkout wait would answer them 503 when a busy machine
    // takes longer to get from the lock to the signal; this test is about the signal, not that wait.
    const app = await startAppProcess({
      env: { DATABASE_URL: process.env.DATABASE_URL, SHUTDOWN_DRAIN_MS: "60000", DB_CONNECT_TIMEOUT_MS: "600000" },
    });
    const r = await createVoteRound({ mode: "single", categories: 1, candidatesPerCategory: 3 });
    const voters = await createVoters(20);
    const ids = r.candidates[r.categoryIds[0]!]!;
    const ballotPath = `${r.base}/${r.categories[0]!.slug}`;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 60 });

    // A projector screen on the live vote's event stream.
    const stream = await new Promise<{ text: () => string; ended: Promise<void> }>((resolve, reject) => {
      let text = "";
      http
        .get(`${app.url}${r.base}/stroom`, (res) => {
          let ended: () => void;
          const done = new Promise<void>((d) => (ended = d));
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
            if (text.includes("event: state")) resolve({ text: () => text, ended: done });
          });
          res.on("end", () => ended());
          res.on("error", () => ended());
        })
        .on("error", reject);
    });

    // Warm the keep-alive connections, so some of the requests below go over reused sockets.
    await Promise.all(Array.from({ length: 10 }, () => send(agent, `${app.url}/`, {}).then((s) => s.answer)));
    // Hold every ballot in the database until the app has begun to stop, so their answers are
    // certainly written after the signal.
    const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
    await locker.query("begin");
    await locker.query("lock table ballot in access exclusive mode");

    const inFlight = await Promise.all([
      ...voters.map((v, i) =>
        send(agent, app.url + ballotPath, {
          method: "POST",
          headers: { origin: ORIGIN, cookie: v.cookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ intent: "cast", choices: ids[i % ids.length]! }).toString(),
        }),
      ),
      ...Array.from({ length: 30 }, (_, i) => send(agent, `${app.url}${i % 2 ? "/" : r.base}`, { headers: { "accept-language": "nl" } })),
    ]);
    // All 50 are written to their sockets: now the process manager stops the app.
    app.child.kill("SIGTERM");
    for (let i = 0; i < 2400 && !app.output().includes("shutting down"); i++) await new Promise((r) => setTimeout(r, 25));
    await locker.query("commit");
    await locker.end();
    const answers = await Promise.all(inFlight.map((s) => s.answer));
    const exit = await app.exited;
    agent.destroy();

    expect(answers.filter((a) => a.status === 0).map((a) => a.error)).toEqual([]);
    expect(answers.slice(0, 20).map((a) => a.status)).toEqual(Array(20).fill(303));
    // On a failure, the app's log says why (a loader's error, a refused connection).
    expect(
      answers.slice(20).map((a) => a.status),
      app.output().slice(-6000),
    ).toEqual(Array(30).fill(200));
    // Answers written after the signal close their connection (keep-alive or not), so the client moves on.
    expect(answers.slice(0, 20).map((a) => a.connection)).toEqual(Array(20).fill("close"));
    await stream.ended;
    expect(stream.text()).toContain("event: reconnect");
    expect(exit).toEqual({ code: 0, signal: null });
    // Nothing was cut off by the drain deadline, and every ballot that was answered 303 is stored.
    expect(app.output()).not.toContain("drain time over");
    const stored = await getDb()
      .selectFrom("ballot")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("round_id", "=", r.roundId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(20);
  }, 900_000);
});

describe("the embedded PostgreSQL, through npm start", () => {
  it("is started again when it stops underneath the app, and SIGTERM to npm stops the app and the server it runs now", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "lauwer-start-"));
    try {
      // No DATABASE_URL: npm start builds, starts its own PostgreSQL in DATA_DIR, migrates and serves.
      const app = await startAppProcess({
        command: ["npm", "start", "--silent"],
        env: { DATABASE_URL: "", DATA_DIR: dataDir, SEED_ON_EMPTY: "false" },
      });
      const first = postmasterPid(dataDir);
      expect(isAlive(first)).toBe(true);

      // Someone stops the server (an operator, the OOM killer's cousin): the app starts it again.
      process.kill(first, "SIGINT");
      let second = 0;
      for (let i = 0; i < 300 && !(second && second !== first && isAlive(second)); i++) {
        await new Promise((r) => setTimeout(r, 100));
        try {
          second = postmasterPid(dataDir);
        } catch {
          second = 0;
        }
      }
      expect(second).not.toBe(first);
      expect(isAlive(second)).toBe(true);
      expect((await fetch(`${app.url}/`)).status).toBe(200);
      expect(app.output()).toContain("embedded PostgreSQL started again");

      // The process manager stops npm: the signal reaches the server, which stops the new PostgreSQL too.
      app.child.kill("SIGTERM");
      const exit = await app.exited;
      expect(exit.code).toBe(0);
      expect(isAlive(second)).toBe(false);
      expect(
        await fetch(`${app.url}/healthz`).then(
          () => "answered",
          () => "closed",
        ),
      ).toBe("closed");
      expect(app.output()).toContain('"msg":"stopped"');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 900_000);
});
