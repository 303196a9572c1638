import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { freePort } from "../db/embedded";

// The built app (build/server.mjs) as the bench and the soak start it: production mode on a fresh
// port against their own database, quiet logs, no demo seed, and per-address limits opened up (all their
// load comes from 127.0.0.1; each voter still votes once).

export interface BuiltApp {
  proc: ChildProcess;
  origin: string;
}

/**
 * Starts build/server.mjs on `url` with `extraEnv` on top of the shared settings, and resolves once it
 * answers /readyz. `echo` also passes its log (stdout) through to this process's stderr.
 */
export async function startBuiltApp(url: string, extraEnv: Record<string, string> = {}, echo = false): Promise<BuiltApp> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // BENCH_APP_NODE_ARGS passes flags to the app's node (NODE_OPTIONS refuses some), e.g. to profile it
  // under the load: BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const proc = spawn("node", [...nodeArgs, "build/server.mjs"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_ORIGIN: origin,
      NODE_ENV: "production",
      // Production needs its own data encryption key (ADR 0032); the database is new each run.
      DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
      LOG_LEVEL: "warn",
      SEED_ON_EMPTY: "false",
      LOGIN_FAILURES_PER_IP: "1000000",
      // The per-IP vote limit (default 600/min) would stop a load from 127.0.0.1 (the soak's) after 600
      // ballots. The per-account limit keeps its default.
      VOTE_LIMIT_PER_IP: "1000000000",
      // As deployed behind one reverse proxy (docs/deploy.md): the vote bench's load names its client
      // addresses in X-Forwarded-For; a request without one is the connection's (127.0.0.1).
      TRUST_PROXY: "1",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // The app logs (pino) to stdout: keep the tail, to show why it did not start.
  let log = "";
  proc.stdout!.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
    if (echo) process.stderr.write(chunk);
  });
  let ready = false;
  for (let i = 0; i < 300 && !ready && proc.exitCode === null; i++) {
    ready = await fetch(`${origin}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (!ready) await new Promise((r) => setTimeout(r, 200));
  }
  if (!ready) {
    proc.kill("SIGTERM");
    throw new Error(`the app (build/server.mjs) did not start; is build/ from the same source as db/migrations?\n${log}`);
  }
  return { proc, origin };
}
