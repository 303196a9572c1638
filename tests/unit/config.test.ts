import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("configuration", () => {
  it("derives the origin from PORT when APP_ORIGIN is not set", async () => {
    vi.stubEnv("APP_ORIGIN", "");
    delete process.env.APP_ORIGIN;
    vi.stubEnv("PORT", "4123");
    const { config } = await import("~/config.server");
    expect(config().origin).toBe("http://localhost:4123");
  });

  it("refuses invalid settings at start instead of running half-configured", async () => {
    vi.stubEnv("PORT", "not-a-port");
    const { config } = await import("~/config.server");
    expect(() => config()).toThrow();
  });

  it("hides the development mailbox in production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const { requireDevMailbox } = await import("~/modules/mail/dev-mailbox.server");
    expect(() => requireDevMailbox()).toThrow(expect.objectContaining({ status: 404 }));
  });
});

// Issue #15, finding 9: `npm start` without NODE_ENV must not expose development conveniences to a
// network. They follow where the app can be reached (ADR 0018), or an explicit setting.
describe("development conveniences only on this machine", () => {
  async function load(env: Record<string, string>) {
    vi.stubEnv("NODE_ENV", "");
    for (const key of ["HOST", "APP_ORIGIN", "DEV_MAILBOX", "SECURE_COOKIES"]) vi.stubEnv(key, "");
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    const { config, startupWarnings } = await import("~/config.server");
    const { requireDevMailbox } = await import("~/modules/mail/dev-mailbox.server");
    const mailboxServed = () => {
      try {
        requireDevMailbox();
        return true;
      } catch (error) {
        expect(error).toEqual(expect.objectContaining({ status: 404 }));
        return false;
      }
    };
    return { c: config(), warnings: startupWarnings(config()).join("\n"), mailboxServed };
  }

  it("the README quick start (no NODE_ENV, loopback): mailbox on, cookies without Secure, and a warning saying so", async () => {
    const { c, warnings, mailboxServed } = await load({});
    expect(c.NODE_ENV).toBe("development");
    expect(mailboxServed()).toBe(true);
    expect(c.secureCookies).toBe(false);
    expect(c.hsts).toBe(false);
    expect(warnings).toContain("/dev/mail is on");
    expect(warnings).toContain("NODE_ENV is development");
  });

  it("no NODE_ENV but listening on the network: no mailbox, Secure cookies, and a warning", async () => {
    const { c, warnings, mailboxServed } = await load({ HOST: "0.0.0.0", APP_ORIGIN: "http://lauwer.example" });
    expect(mailboxServed()).toBe(false);
    expect(c.secureCookies).toBe(true);
    expect(warnings).toContain("reachable from a network");
    expect(warnings).toContain("plain HTTP");
  });

  it("no NODE_ENV on loopback behind an HTTPS proxy (public APP_ORIGIN): no mailbox, Secure cookies, HSTS", async () => {
    const { c, mailboxServed } = await load({ HOST: "127.0.0.1", APP_ORIGIN: "https://lauwer.example" });
    expect(mailboxServed()).toBe(false);
    expect(c.secureCookies).toBe(true);
    expect(c.hsts).toBe(true);
  });

  it("an explicit DEV_MAILBOX=true on a network is honoured, with a loud warning", async () => {
    const { warnings, mailboxServed } = await load({ HOST: "0.0.0.0", APP_ORIGIN: "https://test.lauwer.example", DEV_MAILBOX: "true" });
    expect(mailboxServed()).toBe(true);
    expect(warnings).toMatch(/UNSAFE: DEV_MAILBOX=true/);
  });

  it("DEV_MAILBOX=false turns the mailbox off on loopback too", async () => {
    const { mailboxServed } = await load({ DEV_MAILBOX: "false" });
    expect(mailboxServed()).toBe(false);
  });

  it("refuses the mailbox and insecure cookies in production", async () => {
    const { config } = await import("~/config.server");
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DEV_MAILBOX", "true");
    expect(() => config()).toThrow(/DEV_MAILBOX/);
    vi.stubEnv("DEV_MAILBOX", "");
    vi.stubEnv("SECURE_COOKIES", "false");
    expect(() => config()).toThrow(/SECURE_COOKIES/);
  });

  it("production behind HTTPS: nothing to warn about", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("HOST", "0.0.0.0");
    vi.stubEnv("APP_ORIGIN", "https://lauwer.example");
    const { config, startupWarnings } = await import("~/config.server");
    expect(startupWarnings(config())).toEqual([]);
    expect(config()).toEqual(expect.objectContaining({ devMailbox: false, secureCookies: true, hsts: true }));
  });

  it.each([
    ["127.0.0.1", true],
    ["127.1.2.3", true],
    ["localhost", true],
    ["::1", true],
    ["[::1]", true],
    ["0.0.0.0", false],
    ["::", false],
    ["10.0.0.5", false],
    ["lauwer.example", false],
    ["127.0.0.1.evil.example", false],
    ["localhost.evil.example", false],
  ])("knows whether %s is loopback", async (host, loopback) => {
    const { isLoopback } = await import("~/config.server");
    expect(isLoopback(host)).toBe(loopback);
  });
});
