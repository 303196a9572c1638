import { setMaxListeners } from "node:events";
import type { Server, ServerResponse } from "node:http";
import net from "node:net";
import type { Socket } from "node:net";

/**
 * Graceful stop of an HTTP server (ADR 0010). On stop():
 * 1. every response from now on says `Connection: close`, also on keep-alive connections, so clients
 *    move on (to another process, or this one once restarted); /readyz answers 503;
 * 2. long-lived responses (the projector's event stream) are told to finish, through `signal`;
 * 3. the server keeps listening while requests are still running: a busy process may not yet have
 *    taken in connections that clients already sent their request on (the kernel's listen backlog),
 *    and closing the listener would reset them. Once nothing has run for a moment, it stops listening
 *    and closes every connection that has no request in flight;
 * 4. after `drainMs`, whatever is left is closed.
 */
export interface Lifecycle {
  /** Aborted when the server starts to stop: streams end with a "reconnect" event. */
  readonly signal: AbortSignal;
  readonly stopping: boolean;
  attach(server: Server): void;
  /** Resolves when every connection closed, or the drain time ran out. Returns how many were cut off. */
  stop(): Promise<{ forced: number }>;
}

export function createLifecycle(options: { drainMs: number; quietMs?: number }): Lifecycle {
  const controller = new AbortController();
  // Every open event stream listens on this one signal until it ends (and then stops listening), so
  // hundreds at once are normal here, not the leak Node's default warning at 11 listeners looks for.
  setMaxListeners(0, controller.signal);
  const quietMs = Math.min(options.quietMs ?? 250, options.drainMs);
  /** Open connections and how many requests each has in flight. */
  const active = new Map<Socket, number>();
  /** Responses not finished yet: those that have not sent their headers get `Connection: close` on stop. */
  const responses = new Set<ServerResponse>();
  let server: Server | undefined;
  let stopping = false;
  let stopped: Promise<{ forced: number }> | undefined;

  return {
    signal: controller.signal,
    get stopping() {
      return stopping;
    },
    attach(s) {
      server = s;
      s.on("connection", (socket: Socket) => {
        active.set(socket, 0);
        socket.once("close", () => active.delete(socket));
      });
      // Before express sees the request, so the header is set before anything is written.
      s.prependListener("request", (req, res) => {
        const socket = req.socket;
        active.set(socket, (active.get(socket) ?? 0) + 1);
        responses.add(res);
        if (stopping) res.setHeader("Connection", "close");
        res.once("close", () => {
          responses.delete(res);
          if (active.has(socket)) active.set(socket, active.get(socket)! - 1);
        });
      });
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        for (const res of responses) if (!res.headersSent) res.setHeader("Connection", "close");
        controller.abort();
        const deadline = Date.now() + options.drainMs;
        const running = () => [...active.values()].reduce((sum, n) => sum + n, 0);
        // Quiet: no request ran for `quietMs`; the event loop was free to take in whatever was waiting.
        let quietSince: number | undefined;
        while (Date.now() < deadline) {
          if (running() > 0) quietSince = undefined;
          else if ((quietSince ??= Date.now()) + quietMs <= Date.now()) break;
          await sleep(25);
        }
        // net.Server's close, not http.Server's: the latter also drops connections whose request is on its way.
        if (server?.listening) net.Server.prototype.close.call(server);
        // One more turn of the event loop reads what reached the open connections; then close the idle ones.
        await new Promise((resolve) => setImmediate(resolve));
        while (active.size > 0 && Date.now() < deadline) {
          for (const [socket, n] of active) if (n === 0) socket.destroy();
          if (active.size > 0) await sleep(25);
        }
        const forced = active.size;
        for (const socket of active.keys()) socket.destroy();
        return { forced };
      })();
      return stopped;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
