import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "../setup/app-process";
import { createUser, PASSWORD } from "../setup/factories";

// Issue #15, finding 9 (and the quiet log of finding 4): the real server started as `npm start` does —
// without NODE_ENV — keeps its development conveniences to this machine, and says what is unsafe.

async function stop(app: AppProcess | undefined) {
  if (!app) return;
  app.child.kill("SIGTERM");
  await app.exited;
}

/** The pino lines the process printed, parsed. */
function logLines(app: AppProcess): Array<{ level: number; msg?: string; err?: unknown; [key: string]: unknown }> {
  return app
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: number; msg?: string });
}

describe("without NODE_ENV, reachable from a network (a quick start copied to a server behind HTTPS)", () => {
  const origin = "https://lauwer.example.test";
  let app: AppProcess;
  beforeAll(async () => {
    app = await startAppProcess({ env: { NODE_ENV: undefined, HOST: "0.0.0.0", APP_ORIGIN: origin } });
  });
  afterAll(() => stop(app));

  it("hides the development mailbox", async () => {
    expect((await fetch(`${app.url}/dev/mail`)).status).toBe(404);
    const home = await (await fetch(`${app.url}/`)).text();
    expect(home).not.toContain('href="/dev/mail"');
  });

  it("sends HSTS and Secure cookies", async () => {
    const home = await fetch(`${app.url}/`);
    expect(home.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    const user = await createUser();
    const login = await fetch(`${app.url}/inloggen`, {
      method: "POST",
      headers: { origin, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: user.email, password: PASSWORD }).toString(),
      redirect: "manual",
    });
    expect(login.status).toBe(302);
    const session = login.headers.getSetCookie().find((c) => c.startsWith("lauwer_session="));
    expect(session).toMatch(/;\s*Secure/i);
  });

  it("says at start-up that it runs in development mode and what that changes", () => {
    const warnings = logLines(app).filter((l) => l.level === 40);
    expect(warnings.map((l) => l.msg).join("\n")).toMatch(/NODE_ENV is development, not production[\s\S]*development mailbox is off/);
  });

  it("answers a malformed address with 400 and logs it without a stack, below error level", async () => {
    const before = logLines(app).length;
    for (const path of ["/l/%FF", "/prijzen/%E0%A4%A"]) expect((await fetch(`${app.url}${path}`)).status).toBe(400);
    // The request log line is written when the answer finished; give the pipe a moment to carry it.
    let lines = logLines(app).slice(before);
    for (let i = 0; i < 50 && lines.filter((l) => (l.res as { statusCode?: number } | undefined)?.statusCode === 400).length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      lines = logLines(app).slice(before);
    }
    expect(lines.filter((l) => (l.res as { statusCode?: number } | undefined)?.statusCode === 400)).toHaveLength(2);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(JSON.stringify(lines)).not.toContain('"stack"');
  });
});

describe("without NODE_ENV on this machine only (the README quick start)", () => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startAppProcess({ env: { NODE_ENV: undefined } });
  });
  afterAll(() => stop(app));

  it("keeps the development mailbox, and warns that it shows every mail", async () => {
    expect((await fetch(`${app.url}/dev/mail`)).status).toBe(200);
    const warnings = logLines(app)
      .filter((l) => l.level === 40)
      .map((l) => l.msg)
      .join("\n");
    expect(warnings).toContain("/dev/mail is on");
    expect(warnings).toContain("password reset links");
  });
});
