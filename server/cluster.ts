import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { sql } from "kysely";
import type { Db } from "~/db.server";

/*
 * Every core (ADR 0034): the primary process forks the HTTP workers, which share the listening port
 * (node:cluster hands connections out round-robin), replaces a worker that dies, and stops them all
 * gracefully. Everything the workers share lives in PostgreSQL; what must happen once is locked there.
 */

/** How many HTTP workers: WEB_CONCURRENCY, else one per core the process may use. */
export function workerCount(configured: number | undefined): number {
  return configured ?? availableParallelism();
}

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface Supervisor {
  /** Sends every worker SIGTERM and resolves once all have exited (SIGKILL after `killAfterMs`). */
  stop(): Promise<void>;
  /** Resolves once every worker of the first round listens (or died trying). */
  readonly ready: Promise<void>;
}

/**
 * Forks `count` workers and keeps that many running. A worker that dies is replaced at once; one that
 * dies within `youngMs` of its start counts as a failed start, and a growing pause (1, 2, 4… s, at
 * most 10 s) keeps a broken start from spinning. After `maxFailedStarts` failed starts in a row the
 * supervisor gives up through `onGiveUp`: the deployment is broken, and the process supervisor
 * (systemd, compose, Kubernetes) should see the primary fail rather than a silent crash loop.
 */
export function superviseWorkers(options: {
  count: number;
  killAfterMs: number;
  log: Log;
  onGiveUp: (reason: string) => void;
  youngMs?: number;
  maxFailedStarts?: number;
}): Supervisor {
  const youngMs = options.youngMs ?? 5000;
  const maxFailedStarts = options.maxFailedStarts ?? 5;
  const startedAt = new Map<number, number>();
  let stopping = false;
  let failedStarts = 0;

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    return worker;
  };

  cluster.on("exit", (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? Date.now());
    startedAt.delete(worker.id);
    if (stopping) return;
    failedStarts = lived < youngMs ? failedStarts + 1 : 0;
    options.log.error({ pid: worker.process.pid, code, signal, livedMs: lived }, "app worker stopped: starting another");
    if (failedStarts >= maxFailedStarts) {
      options.onGiveUp(`${failedStarts} app workers in a row stopped within ${youngMs} ms of their start`);
      return;
    }
    const pause = failedStarts === 0 ? 0 : Math.min(1000 * 2 ** (failedStarts - 1), 10_000);
    setTimeout(() => {
      if (!stopping) fork();
    }, pause).unref();
  });

  const first = Array.from({ length: options.count }, fork);
  const ready = Promise.all(
    first.map(
      (worker) =>
        new Promise<void>((resolve) => {
          worker.once("listening", () => resolve());
          worker.once("exit", () => resolve());
        }),
    ),
  ).then(() => undefined);
  options.log.info({ workers: options.count }, "app workers started");

  return {
    ready,
    stop() {
      stopping = true;
      const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
      return new Promise<void>((resolve) => {
        if (running.length === 0) return resolve();
        let left = running.length;
        const kill = setTimeout(() => {
          for (const w of running) if (!w.isDead()) w.process.kill("SIGKILL");
        }, options.killAfterMs);
        for (const w of running) {
          w.once("exit", () => {
            if (--left === 0) {
              clearTimeout(kill);
              resolve();
            }
          });
          // Each worker drains its own requests (ADR 0010) and exits.
          w.process.kill("SIGTERM");
        }
      });
    },
  };
}

/**
 * Every process holds a pool of up to DB_POOL_MAX connections. When the workers and the primary
 * together may want more than PostgreSQL allows (less a tenth for administration and replication),
 * the deployer hears it at the start instead of meeting "too many clients" at the closing hour.
 */
export async function connectionBudgetProblem(db: Db, processes: number, poolMax: number): Promise<string | null> {
  const { rows } = await sql<{ max: number }>`select current_setting('max_connections')::int as max`.execute(db);
  const allowed = rows[0]!.max;
  const wanted = processes * poolMax;
  if (wanted <= Math.floor(allowed * 0.9)) return null;
  return (
    `${processes} processes may open ${wanted} connections (DB_POOL_MAX=${poolMax} each) and PostgreSQL allows ${allowed}: ` +
    "lower DB_POOL_MAX or WEB_CONCURRENCY, raise max_connections, or put PgBouncer in front (docs/deploy.md)"
  );
}
