import { afterEach, describe, expect, it, vi } from "vitest";

// MFA_REQUIRED_ROLES (ADR 0024): which roles' pages need the second factor.
afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("MFA_REQUIRED_ROLES", () => {
  it("is admin, organizer and editor unless set; jurors are optional", async () => {
    delete process.env.MFA_REQUIRED_ROLES;
    const { config } = await import("~/config.server");
    expect(config().MFA_REQUIRED_ROLES).toEqual(["admin", "organizer", "editor"]);
  });

  it("takes a list with jurors, or none", async () => {
    vi.stubEnv("MFA_REQUIRED_ROLES", "admin, jury");
    expect((await import("~/config.server")).config().MFA_REQUIRED_ROLES).toEqual(["admin", "jury"]);
    vi.resetModules();
    vi.stubEnv("MFA_REQUIRED_ROLES", "none");
    expect((await import("~/config.server")).config().MFA_REQUIRED_ROLES).toEqual([]);
  });

  it("refuses an unknown role at start", async () => {
    vi.stubEnv("MFA_REQUIRED_ROLES", "admin,superuser");
    const { config } = await import("~/config.server");
    expect(() => config()).toThrow();
  });
});
