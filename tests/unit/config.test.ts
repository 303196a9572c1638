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
