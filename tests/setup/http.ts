import { createServer, type Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createApp } from "../../server/app";

export const ORIGIN = "http://localhost:3000";

export interface TestServer {
  url: string;
  /** fetch against the app; same-origin Origin header on non-GET unless given, no redirect following. */
  request(path: string, init?: RequestInit & { form?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

/** The real built app (npm run build) behind the real express server, on a free loopback port. */
export async function startTestServer(options: { pageCacheSeconds?: number; voteLane?: boolean } = {}): Promise<TestServer> {
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const app = createApp(build, options);
  const server: Server = await new Promise((resolve) => {
    const s = createServer(app).listen(0, "127.0.0.1", () => resolve(s));
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    async request(p, init = {}) {
      const headers = new Headers(init.headers);
      let body = init.body;
      if (init.form) {
        body = new URLSearchParams(init.form).toString();
        headers.set("content-type", "application/x-www-form-urlencoded");
      }
      const method = init.method ?? (init.form ? "POST" : "GET");
      if (method !== "GET" && !headers.has("origin") && !headers.has("x-no-origin")) headers.set("origin", ORIGIN);
      headers.delete("x-no-origin");
      return fetch(url + p, { ...init, method, headers, body, redirect: "manual" });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The lauwer_session cookie pair from a response, for the next request's Cookie header. */
export function sessionCookieFrom(res: Response): string | undefined {
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(";")[0]!;
    if (pair.startsWith("lauwer_session=") && pair !== "lauwer_session=") return pair;
  }
  return undefined;
}
