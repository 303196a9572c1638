import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createSession, validateSessionId } from "~/auth/lucia.server";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { createUser, PASSWORD } from "../setup/factories";
import { sessionCookieFrom, startTestServer, type TestServer } from "../setup/http";

const MINUTE = 60_000;

describe("session lifetime", () => {
  afterEach(() => vi.useRealTimers());

  it("expires after the idle timeout without use", async () => {
    const user = await createUser();
    vi.useFakeTimers({ toFake: ["Date"] });
    const { session } = await createSession(user.id);
    expect((await validateSessionId(session.id)).user?.id).toBe(user.id);

    vi.setSystemTime(Date.now() + (config().SESSION_IDLE_MINUTES + 1) * MINUTE);
    const result = await validateSessionId(session.id);
    expect(result.user).toBeNull();
    expect(result.setCookie).toMatch(/^lauwer_session=;/);
    const row = await getDb().selectFrom("user_session").select("id").where("id", "=", session.id).executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("is extended by use, but never beyond the absolute lifetime", async () => {
    const user = await createUser();
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const { session } = await createSession(user.id);
    const step = (config().SESSION_IDLE_MINUTES * MINUTE * 3) / 4;
    const absolute = config().SESSION_ABSOLUTE_HOURS * 60 * MINUTE;
    let now = start;
    // Keep using the session more often than the idle timeout: it stays valid...
    while (now + step < start + absolute) {
      now += step;
      vi.setSystemTime(now);
      const r = await validateSessionId(session.id);
      expect(r.user?.id, `valid at +${Math.round((now - start) / MINUTE)} min`).toBe(user.id);
    }
    // ...until the absolute lifetime has passed, however active it was.
    vi.setSystemTime(start + absolute + 1);
    const r = await validateSessionId(session.id);
    expect(r.user).toBeNull();
    expect(await getDb().selectFrom("user_session").select("id").where("id", "=", session.id).executeTakeFirst()).toBeUndefined();
  });

  it("ignores unknown and malformed session ids", async () => {
    expect((await validateSessionId("does-not-exist")).user).toBeNull();
    expect((await validateSessionId("")).user).toBeNull();
  });
});

describe("session cookies over HTTP", () => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startTestServer();
  });
  afterAll(() => app.close());

  async function logIn(email: string, cookie?: string) {
    return app.request("/inloggen", { form: { email, password: PASSWORD }, headers: cookie ? { cookie } : {} });
  }

  it("sets an HttpOnly, SameSite=Lax session cookie at login, with a new id every time", async () => {
    const user = await createUser();
    const first = await logIn(user.email);
    expect(first.status).toBe(302);
    const header = first.headers.getSetCookie().find((c) => c.startsWith("lauwer_session="))!;
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).toMatch(/Path=\//);
    // Not in production: no Secure flag, so the cookie works on http://localhost.
    expect(header).not.toMatch(/Secure/i);

    const second = await logIn(user.email);
    const a = sessionCookieFrom(first)!;
    const b = sessionCookieFrom(second)!;
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(a).not.toBe(b);
  });

  // Session fixation: if login adopted the id the browser sent, that row would exist afterwards.
  it("does not promote a session id sent by the browser before login", async () => {
    const user = await createUser();
    const planted = "lauwer_session=attackerchosenid00000000000";
    const res = await logIn(user.email, planted);
    const issued = sessionCookieFrom(res)!;
    expect(issued).not.toBe(planted);
    expect(
      await getDb().selectFrom("user_session").select("id").where("id", "=", "attackerchosenid00000000000").executeTakeFirst(),
    ).toBeUndefined();
  });

  it("logout invalidates the session on the server, not only in the browser", async () => {
    const user = await createUser();
    const cookie = sessionCookieFrom(await logIn(user.email))!;
    expect((await app.request("/account", { headers: { cookie } })).status).toBe(200);

    const out = await app.request("/uitloggen", { method: "POST", headers: { cookie } });
    expect(out.status).toBe(302);
    expect(out.headers.getSetCookie().join()).toMatch(/lauwer_session=;/);

    // Replaying the old cookie no longer works.
    const replay = await app.request("/account", { headers: { cookie } });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toMatch(/^\/inloggen/);
    const id = cookie.split("=")[1]!;
    expect(await getDb().selectFrom("user_session").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
  });
});

describe("cookie flags in production", () => {
  it("marks the session cookie Secure when NODE_ENV=production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.resetModules();
    try {
      const lucia = await import("~/auth/lucia.server");
      const user = await createUser();
      const { cookie } = await lucia.createSession(user.id);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
