import { getEventListeners } from "node:events";
import http, { type Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app";
import { createLifecycle, type Lifecycle } from "../../server/lifecycle";
import { createVoteRound } from "../setup/voting";

// A projector stream listens to the process's shutdown signal, to tell its screen to reconnect when the
// process stops. That signal lives as long as the process: a stream that ended must take its listener
// away, or every screen that ever connected stays in memory (found by `npm run soak` as
// MaxListenersExceededWarning and growing workers). The real app in this process, to see its signal.

let server: Server;
let lifecycle: Lifecycle;
let url: string;
beforeAll(async () => {
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  lifecycle = createLifecycle({ drainMs: 1000 });
  server = await new Promise<Server>((resolve) => {
    const s = http.createServer(createApp(build, { lifecycle })).listen(0, "127.0.0.1", () => resolve(s));
  });
  lifecycle.attach(server);
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  url = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await lifecycle.stop();
});

/** Opens the stream, waits for its first state, and hangs up. */
function watchAndLeave(streamPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}${streamPath}`, { headers: { accept: "text/event-stream" }, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`the stream answered ${res.statusCode}`));
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
        if (text.includes("event: state")) {
          req.destroy();
          resolve();
        }
      });
      res.on("error", () => undefined);
    });
    req.on("error", (e) => (req.destroyed ? undefined : reject(e)));
  });
}

const listeners = () => getEventListeners(lifecycle.signal, "abort").length;

async function until(what: string, check: () => boolean) {
  // A hang guard, not a budget: a busy machine may take many times as long.
  for (let i = 0; i < 1200 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
  expect(check(), what).toBe(true);
}

describe("projector streams and the shutdown signal", () => {
  it("leave no listener behind on the process's shutdown signal once their screens went away", async () => {
    const r = await createVoteRound({ categories: 1 });
    const before = listeners();
    for (let i = 0; i < 15; i++) await watchAndLeave(`${r.base}/stroom`);
    await until("every ended stream took its listener away", () => listeners() === before);
  });
});
