import { execFileSync } from "node:child_process";
import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "../setup/app-process";

// Every core (ADR 0034): `node build/server.mjs` with WEB_CONCURRENCY=3 is a primary and three HTTP
// workers on one port and one database. Real processes, real signals.

const TOKEN = "cluster-test-metrics-token-0123456789";
const started: AppProcess[] = [];
afterAll(async () => {
  for (const app of started) {
    if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill("SIGTERM");
    await app.exited;
  }
});

async function startCluster(workers: number) {
  const app = await startAppProcess({
    env: { DATABASE_URL: process.env.DATABASE_URL, WEB_CONCURRENCY: String(workers), METRICS_TOKEN: TOKEN, METRICS_PORT: undefined },
  });
  started.push(app);
  return app;
}

/** The primary's child processes (the workers). */
function children(pid: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

/** A GET on a connection of its own (no keep-alive), so the primary hands each to the next worker. */
function getFresh(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject)
      // A hang guard, not a budget: a connection handed to no worker would otherwise wait for ever.
      .setTimeout(60_000, function (this: http.ClientRequest) {
        this.destroy(new Error(`no answer from ${url} within 60 s`));
      });
  });
}

function sample(text: string, name: string, labels: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{${labels}} `));
  return line ? Number(line.split(" ")[1]) : 0;
}

async function until(what: string, check: () => boolean | Promise<boolean>) {
  // A hang guard, not a budget: a busy machine may take many times as long.
  for (let i = 0; i < 1200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${what}`);
}

describe("several app workers on one port", () => {
  it("serves from three workers and adds their figures up in one scrape, whichever worker is asked", async () => {
    const app = await startCluster(3);
    await until("three workers", () => children(app.child.pid!).length === 3);
    const REQUESTS = 60;
    for (let i = 0; i < REQUESTS; i++) expect((await getFresh(`${app.url}/healthz`)).status).toBe(200);
    // Asked on the main port, a worker passes the scrape to the primary, which asks all three. Asked as
    // Prometheus with a long scrape_timeout asks: the scrape's budget follows the header, and a busy
    // machine is no reason for this test to fail (the budget: tests/unit/metrics-routes.test.ts).
    const scrape = await getFresh(`${app.url}/metrics`, { authorization: `Bearer ${TOKEN}`, "x-prometheus-scrape-timeout-seconds": "120" });
    expect(scrape.status).toBe(200);
    const healthz = sample(scrape.body, "lauwer_http_requests_total", 'route="healthz",method="GET",status_class="2xx"');
    // Round-robin over three workers: no single worker saw all of them, so only the sum reaches REQUESTS.
    expect(healthz).toBeGreaterThanOrEqual(REQUESTS);
    expect(scrape.body).toMatch(/^lauwer_database_up 1$/m);
  });

  it("replaces a worker that dies while the others keep answering", async () => {
    const app = await startCluster(3);
    // All three listening, not only forked: /readyz answers once the first worker listens, and the port is
    // the primary's only while some worker listens on it. Killing the one listener while the other two are
    // still starting would leave nobody on the port (ECONNREFUSED) until they got there: a slow start, not
    // a replacement. The primary says this line once every first worker listens (server/index.ts).
    await until("three workers listening", () => /Lauwer listens on .*\(3 app workers\)/.test(app.output()));
    const before = children(app.child.pid!);
    expect(before).toHaveLength(3);
    process.kill(before[0]!, "SIGKILL");
    // A connection the primary hands out in the instant before it learns of the death is lost with the
    // worker (as with any crash; a proxy retries it). Once it knows, the other two serve the port alone.
    await until("the primary to notice", () => app.output().includes("app worker stopped: starting another"));
    for (let i = 0; i < 6; i++) expect((await getFresh(`${app.url}/healthz`)).status).toBe(200);
    await until("a new worker in place of the one killed", () => {
      const now = children(app.child.pid!);
      return now.length === 3 && !now.includes(before[0]!);
    });
    for (let i = 0; i < 6; i++) expect((await getFresh(`${app.url}/healthz`)).status).toBe(200);
  });

  it("stops its workers and then itself on SIGTERM, with exit code 0", async () => {
    const app = await startCluster(2);
    await until("two workers", () => children(app.child.pid!).length === 2);
    const workers = children(app.child.pid!);
    app.child.kill("SIGTERM");
    expect(await app.exited).toEqual({ code: 0, signal: null });
    const alive = workers.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
    expect(app.output()).not.toContain("app worker stopped: starting another");
  });
});
