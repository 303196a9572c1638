import type { Server } from "node:http";
import net from "node:net";
import type { Socket } from "node:net";

/**
 * Graceful stop of an HTTP server (ADR 0010): on stop()
 * 1. keep accepting for a moment (`acceptGraceMs`), so connections the kernel already took in (the
 *    listen backlog) are served instead of reset; every response from now on says `Connection: close`,
 *    also on keep-alive connections, so clients move on to another process;
 * 2. stop listening and tell long-lived responses (the projector's event stream) to finish, through
 *    `signal`;
 * 3. close each connection as soon as it has no request in flight, once it had the same grace to
 *    deliver a request already on its way;
 * 4. after `drainMs`, close whatever is left.
 */
export interface Lifecycle {
  /** Aborted when the server starts to stop: streams end with a "reconnect" event. */
  readonly signal: AbortSignal;
  readonly stopping: boolean;
  attach(server: Server): void;
  /** Resolves when every connection closed, or the drain time ran out. Returns how many were cut off. */
  stop(): Promise<{ forced: number }>;
}

export function createLifecycle(options: { drainMs: number; acceptGraceMs?: number }): Lifecycle {
  const controller = new AbortController();
  const acceptGraceMs = Math.min(options.acceptGraceMs ?? 500, options.drainMs);
  const active = new Map<Socket, number>();
  const idleSince = new Map<Socket, number>();
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
        idleSince.set(socket, Date.now());
        socket.once("close", () => {
          active.delete(socket);
          idleSince.delete(socket);
        });
      });
      // Before express sees the request, so the header is set before anything is written.
      s.prependListener("request", (req, res) => {
        const socket = req.socket;
        active.set(socket, (active.get(socket) ?? 0) + 1);
        if (stopping) res.setHeader("Connection", "close");
        res.once("close", () => {
          const left = (active.get(socket) ?? 1) - 1;
          active.set(socket, left);
          if (left === 0) idleSince.set(socket, Date.now());
        });
      });
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        const started = Date.now();
        const deadline = started + options.drainMs;
        await sleep(acceptGraceMs);
        // net.Server's close, not http.Server's: the latter also drops every connection that has no
        // request yet, including those whose request is still on its way.
        if (server?.listening) net.Server.prototype.close.call(server);
        controller.abort();
        for (;;) {
          const now = Date.now();
          for (const [socket, n] of active) {
            if (n === 0 && now - (idleSince.get(socket) ?? started) >= acceptGraceMs) socket.destroy();
          }
          if (active.size === 0 || now >= deadline) break;
          await sleep(50);
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
