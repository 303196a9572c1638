import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { defineConfig } from "@playwright/test";

// Browsers cannot be downloaded on these machines: use Debian's Chromium when it is there.
const systemChromium = "/usr/bin/chromium";
const port = Number(process.env.E2E_PORT ?? 4310);
const origin = `http://127.0.0.1:${port}`;
/** Specs that run an award's next edition from creation to published results (tests/e2e/procedure-*.spec.ts). */
const EDITION_RUNS = /procedure-[^/]*\.spec\.ts$/;
/** The phone walk (tests/e2e/phone.spec.ts): every role's main pages at 390 × 844. */
const PHONE = /phone\.spec\.ts$/;
export const DEMO_PASSWORD = "demo wachtwoord voor e2e";
/** The test identity provider (tests/setup/oidc-idp.ts) the app signs in with (tests/e2e/sso.spec.ts). */
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 4312);
const oidcIssuer = `http://127.0.0.1:${oidcPort}`;
export const OIDC_PROVIDERS = JSON.stringify([
  { slug: "test-idp", name: "Test-IdP", issuer: oidcIssuer, clientId: "lauwer-e2e", clientSecret: "lauwer-e2e-secret-0123456789" },
]);
/**
 * Passkeys (tests/e2e/passkeys.spec.ts, ADR 0029) need a host name: WebAuthn refuses an IP address as
 * RP ID, and the app's RP ID is APP_ORIGIN's host. They run against a second server of their own at
 * http://localhost:<E2E_PORT + 1> (its own database, seeded the same way), so every other spec keeps
 * 127.0.0.1. It starts for a whole run and for runs that name the passkey spec, not for other single specs.
 */
const passkeyPort = port + 1;
export const PASSKEY_ORIGIN = `http://localhost:${passkeyPort}`;
const namedSpecs = process.argv.slice(2).filter((a) => !a.startsWith("-") && /\.spec\.ts|e2e\//.test(a));
const runsPasskeys = namedSpecs.length === 0 || namedSpecs.some((a) => /passkey/.test(a));
const appServerEnv = {
  NODE_ENV: "development",
  HOST: "127.0.0.1",
  DEMO_PASSWORD,
  SEED_ON_EMPTY: "true",
  LOG_LEVEL: "warn",
  DATABASE_URL: "",
  WEB_CONCURRENCY: "1",
  // The specs change data and look at it as an anonymous visitor straight after: pages kept for a few
  // seconds (ADR 0039) would show the state before. tests/integration/page-cache.test.ts covers the cache.
  PAGE_CACHE_SECONDS: "0",
};

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  // Two at least: Playwright's default is half the cores, one on a two-core machine, where the specs
  // then ran one after another while each waits on the browser and the server half the time.
  workers: Number(process.env.E2E_WORKERS ?? Math.max(2, Math.floor(availableParallelism() / 2))),
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  // Guards against a hang only: a shared or slow machine may take many times as long as this one.
  timeout: 300_000,
  expect: { timeout: 30_000 },
  use: {
    baseURL: origin,
    // A click or navigation waits for its element at most this long (4× an expectation's), so a page
    // that never shows it fails with its trace instead of waiting for the test's whole hang guard.
    actionTimeout: 120_000,
    navigationTimeout: 120_000,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: existsSync(systemChromium) ? systemChromium : undefined,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { browserName: "chromium" }, testIgnore: [EDITION_RUNS, PHONE] },
    // A phone: no page wider than the viewport, axe with target size, for every role's main pages.
    { name: "phone", use: { browserName: "chromium", viewport: { width: 390, height: 844 } }, testMatch: PHONE },
    // A whole edition run creates next year's edition of a demo award, and the award's address then
    // leads to it once its nominations open: those specs run after the others, which read this year's
    // demo editions. To run one of them alone: npx playwright test --no-deps tests/e2e/procedure-….spec.ts
    { name: "edition-runs", use: { browserName: "chromium" }, testMatch: EDITION_RUNS, dependencies: ["chromium", "phone"] },
  ],
  webServer: [
    {
      // A real OpenID Connect provider (oidc-provider) for single sign-on, on its own port.
      command: "npx tsx tests/setup/oidc-idp.ts",
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "ignore",
      env: {
        OIDC_TEST_PORT: String(oidcPort),
        OIDC_TEST_REDIRECTS: `${origin}/inloggen/sso/test-idp/terug`,
        // Where the provider may send the browser after signing out there (RP-initiated logout).
        OIDC_TEST_LOGOUT_REDIRECTS: `${origin}/uitgelogd/test-idp`,
      },
    },
    {
      // The real server on a fresh embedded PostgreSQL, seeded with the demo accounts.
      command: "rm -rf .data/e2e && node build/server.mjs",
      url: `${origin}/`,
      reuseExistingServer: false,
      timeout: 600_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { ...appServerEnv, PORT: String(port), APP_ORIGIN: origin, DATA_DIR: ".data/e2e", OIDC_PROVIDERS },
    },
    ...(runsPasskeys
      ? [
          {
            // The same server for the passkey spec, at a host name (see PASSKEY_ORIGIN). Polled at
            // 127.0.0.1, where it listens; the browser reaches it as localhost.
            command: "rm -rf .data/e2e-passkeys && node build/server.mjs",
            url: `http://127.0.0.1:${passkeyPort}/`,
            reuseExistingServer: false,
            timeout: 600_000,
            stdout: "ignore" as const,
            stderr: "pipe" as const,
            env: { ...appServerEnv, PORT: String(passkeyPort), APP_ORIGIN: PASSKEY_ORIGIN, DATA_DIR: ".data/e2e-passkeys" },
          },
        ]
      : []),
  ],
});
