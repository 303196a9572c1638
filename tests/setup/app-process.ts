import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../../db/embedded";
import { ORIGIN } from "./http";

/** A real app process (build/server.mjs, or a command such as `npm start`) on a loopback port. */
export interface AppProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startAppProcess(
  options: { env?: Record<string, string | undefined>; command?: string[]; readyTimeoutMs?: number } = {},
): Promise<AppProcess> {
  const port = await freePort();
  const [cmd, ...args] = options.command ?? [process.execPath, "build/server.mjs"];
  const child = spawn(cmd!, args, {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_ORIGIN: ORIGIN,
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      SEED_ON_EMPTY: "false",
      DB_POOL_MAX: "8",
      // One process unless a test asks for workers (tests/integration/cluster.test.ts): tests that count
      // a process's requests or signal it expect one.
      WEB_CONCURRENCY: "1",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + (options.readyTimeoutMs ?? 120_000);
  let ended = false;
  void exited.then(() => (ended = true));
  while (Date.now() < until && !ended) {
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, port, child, output: () => out, exited };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`app process did not become ready:\n${out.slice(-4000)}`);
}

/** Posts a ballot as a browser without JavaScript does (or, with `data`, as the hydrated page does). */
export async function postBallot(url: string, path: string, cookie: string, choices: string, data = false) {
  try {
    const res = await fetch(url + path + (data ? ".data" : ""), {
      method: "POST",
      headers: { origin: ORIGIN, cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "cast", choices }).toString(),
      redirect: "manual",
    });
    return { status: res.status, location: res.headers.get("location") ?? "", body: await res.text() };
  } catch (error) {
    // A reset or refused connection: the voter would see a browser error. Tests count these as failures.
    return { status: 0, location: "", body: String(error) };
  }
}

export type BallotAnswer = Awaited<ReturnType<typeof postBallot>>;

/** The voter was told their ballot is stored (first time, or found stored on a retry). */
export function confirmed(a: BallotAnswer): boolean {
  const said = a.location + a.body;
  return (a.status === 303 || a.status === 202) && /voting\.notice\.(cast|alreadyStored|changed|unchanged)/.test(said);
}

/** The voter was told, plainly, that nothing was stored and to try again. */
export function refusedClearly(a: BallotAnswer): boolean {
  return a.status === 503 && /niet opgeslagen|voting\.errors\.notStored/.test(a.body);
}

/** Runs the tasks with at most `limit` in flight. */
export async function inPool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}
