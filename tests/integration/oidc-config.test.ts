import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// ADR 0025: a wrong OIDC_PROVIDERS stops the real server at start-up with its reason, before it
// touches a database or listens — not on the first visitor's login page.

function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve("build/server.mjs")], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        LOG_LEVEL: "info",
        PORT: "3999",
        DATABASE_URL: "postgres://nobody@127.0.0.1:1/none",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("OIDC_PROVIDERS at start-up", () => {
  it.each([
    ["not JSON", "{oops", /OIDC_PROVIDERS is not valid JSON/],
    ["a provider without its fields", JSON.stringify([{ slug: "org" }]), /OIDC_PROVIDERS: /],
    [
      "two providers with one slug",
      JSON.stringify([
        { slug: "org", name: "Org", issuer: "https://a.example", clientId: "a" },
        { slug: "org", name: "Org 2", issuer: "https://b.example", clientId: "b" },
      ]),
      /every slug must be different/,
    ],
  ])("refuses %s: the process exits 1 and says why", async (_name, value, reason) => {
    const { code, output } = await start({ OIDC_PROVIDERS: value });
    expect(code).toBe(1);
    expect(output).toMatch(reason);
    expect(output).toContain("could not start");
  });
});
