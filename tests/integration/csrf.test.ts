import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../setup/http";

let app: TestServer;
let actionPaths: string[];

/** Every route of the built app that has an action, as a concrete URL. */
async function routesWithActions(): Promise<string[]> {
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const paths: string[] = [];
  for (const route of Object.values(build.routes)) {
    if (!route?.module.action) continue;
    // Build the full path from parents; dynamic segments get a sample value.
    const segments: string[] = [];
    let r: typeof route | undefined = route;
    while (r) {
      if (r.path) segments.unshift(r.path);
      r = r.parentId ? build.routes[r.parentId] : undefined;
    }
    const p =
      "/" +
      segments
        .join("/")
        .replace(/:[^/]+/g, "1")
        .replace(/\*$/, "onbekend");
    paths.push(p.replace(/\/+/g, "/"));
  }
  return paths;
}

beforeAll(async () => {
  app = await startTestServer();
  actionPaths = await routesWithActions();
});
afterAll(() => app.close());

describe("CSRF: Origin check on every non-GET request", () => {
  it("finds the app's actions", () => {
    expect(actionPaths).toEqual(expect.arrayContaining(["/inloggen", "/registreren", "/uitloggen", "/taal", "/beheer/rollen"]));
  });

  it.each(["POST", "PUT", "PATCH", "DELETE"])("refuses %s without an Origin header on every action", async (method) => {
    for (const p of actionPaths) {
      const res = await app.request(p, {
        method,
        headers: { "x-no-origin": "1", "content-type": "application/x-www-form-urlencoded" },
        body: "email=a%40b.nl",
      });
      expect(res.status, `${method} ${p}`).toBe(403);
    }
  });

  it("refuses a foreign Origin on every action, even with a matching X-Forwarded-Host", async () => {
    for (const p of actionPaths) {
      for (const origin of ["https://evil.example", "http://localhost:3001", "null", "http://localhost.evil.example:3000"]) {
        const res = await app.request(p, {
          method: "POST",
          headers: { origin, "x-forwarded-host": "localhost:3000", "content-type": "application/x-www-form-urlencoded" },
          body: "email=a%40b.nl",
        });
        expect(res.status, `${origin} → ${p}`).toBe(403);
        expect(await res.text()).toContain("Geen toegang");
      }
    }
  });

  it("lets same-origin form posts through to the action", async () => {
    for (const p of actionPaths) {
      const res = await app.request(p, { form: { email: "a@b.nl" } });
      expect(res.status, p).not.toBe(403);
      expect(res.status, p).toBeLessThan(500);
    }
  });
});
