import { mkdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { setTimeout as sleep } from "node:timers/promises";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";

export { expect };
export const DEMO_PASSWORD = "demo wachtwoord voor e2e";

// axe-core's minified build: the default source is the unminified one (1.3 MB), parsed again on every
// check, twice — half of a check's time here.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * axe-core on the page itself. Its default mode opens a blank page per check to merge the results of
 * frames, which doubled each check's time (about 1 s to 0.5 s here); our pages have no frames, and each
 * check asserts that, so the legacy mode (one run in the page) sees everything the default would. Only
 * violations are asked for in full (passes would be serialised node by node for nothing).
 */
function axe(page: Page) {
  return new AxeBuilder({ page, axeSource: AXE_SOURCE }).setLegacyMode(true).options({ resultTypes: ["violations"] });
}

/**
 * WCAG 2.1 A and AA and WCAG 2.2 AA, whose tag holds the target-size rule (24 × 24 px): zero violations
 * allowed on every page a test visits.
 */
export async function expectAccessible(page: Page) {
  expect(await page.locator("iframe, frame").count(), `a frame on ${page.url()}: axe's legacy mode would not look inside it`).toBe(0);
  const results = await axe(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.nl`;
}

/** Any console error or uncaught page error fails the test (hydration mismatches, missing assets…). */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        // Refused requests we make on purpose (4xx answers) are logged by Chromium as resource errors.
        if (msg.type() === "error" && !/the server responded with a status of 4\d\d/.test(msg.text())) errors.push(msg.text());
      });
      page.on("pageerror", (err) => errors.push(String(err)));
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

/** Opens the newest mail to an address in the development mailbox and returns its first link. */
export async function openLatestMail(page: Page, to: string, subject: RegExp | string): Promise<string> {
  await page.goto("/dev/mail");
  await expectAccessible(page);
  const row = page.getByRole("row").filter({ hasText: to }).filter({ hasText: subject }).first();
  await row.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
  await expectAccessible(page);
  const link = page.locator(".lauwer-mail-body a").first();
  return (await link.getAttribute("href"))!;
}

// ---- The second factor (ADR 0024) ----
// Admins, organizers and editors need a second factor: their first login sets up an authenticator app
// through the page, later logins pass the code step, with codes computed here as the app would. The
// secret, the last step used and the recovery codes of each address live next to the e2e database
// (.data/e2e, removed with it when the server starts), shared by the workers under a lock.

const STORE = ".data/e2e/e2e-second-factor.json";
const LOCK = ".data/e2e/e2e-second-factor.lock";
type SecondFactor = { secret: string; lastStep: number; recovery: string[]; setUpAt?: number };
const stepNow = () => Math.floor(Date.now() / 30_000);

export function totpCode(secret: string, step: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: step * 30_000 });
}

/** Runs `work` holding a lock directory shared by the workers (a lock left by a killed worker is taken over after two minutes). */
async function withLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  // Hang guard only.
  for (let i = 0; ; i++) {
    try {
      mkdirSync(dir);
      break;
    } catch {
      if (i > 4000) throw new Error(`${dir} stays locked`);
      try {
        if (Date.now() - statSync(dir).mtimeMs > 120_000) rmdirSync(dir);
      } catch {
        // gone meanwhile
      }
      await sleep(50);
    }
  }
  try {
    return await work();
  } finally {
    rmdirSync(dir);
  }
}

async function withSecondFactors<T>(change: (store: Record<string, SecondFactor>) => Promise<T> | T): Promise<T> {
  return withLock(LOCK, async () => {
    let store: Record<string, SecondFactor> = {};
    try {
      store = JSON.parse(readFileSync(STORE, "utf8")) as Record<string, SecondFactor>;
    } catch {
      // none yet
    }
    const result = await change(store);
    writeFileSync(STORE, JSON.stringify(store));
    return result;
  });
}

/**
 * A code the server has not taken yet: the app code of this step, or of the next one when this one was
 * used (the server takes one step ahead); past that a recovery code, and without one left, the clock.
 */
async function nextCode(email: string): Promise<string> {
  return withSecondFactors(async (store) => {
    const known = store[email];
    if (!known) throw new Error(`no second factor known for ${email}`);
    const step = Math.max(stepNow(), known.lastStep + 1);
    if (step > stepNow() + 1) {
      const recovery = known.recovery.shift();
      if (recovery) return recovery;
      for (let i = 0; i < 200 && step > stepNow() + 1; i++) await sleep(500);
    }
    known.lastStep = step;
    return totpCode(known.secret, step);
  });
}

/** Waits until the page leaves `from` (its path), or shows a refusal there (null). */
async function settle(page: Page, from: string): Promise<string | null> {
  // Hang guard only.
  for (let i = 0; i < 1200; i++) {
    const path = new URL(page.url()).pathname;
    if (path !== from) return path;
    if (await page.locator("#error-summary, #form-error").count()) return null;
    await sleep(100);
  }
  throw new Error(`still on ${from}`);
}

/**
 * Sets up the authenticator app on the page the login led to, keeps its secret and recovery codes, and
 * continues. One worker at a time per account: two first logins of one account at once would each make
 * a pending secret, the second replacing the first. A worker that waited finds the app set up by the
 * other and does nothing (false): its caller logs in again, as the person would.
 */
export async function setUpApp(page: Page, email: string, since = Date.now()): Promise<boolean> {
  return withLock(`${LOCK}.${email.replace(/[^a-z0-9]/gi, "_")}`, async () => {
    // Set up by another worker since this login began (an older entry is an app since removed, by an admin).
    if (await withSecondFactors((store) => (store[email]?.setUpAt ?? 0) >= since)) return false;
    await page.getByRole("button", { name: "Authenticator-app instellen" }).click();
    const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
    const step = stepNow();
    await withSecondFactors((store) => {
      store[email] = { secret, lastStep: step, recovery: [] };
    });
    await page.getByLabel("Code uit je app").fill(totpCode(secret, step));
    await page.getByRole("button", { name: "Tweestapsverificatie aanzetten" }).click();
    await expect(page.getByRole("heading", { name: "Bewaar je herstelcodes" })).toBeVisible();
    const recovery = await page.locator(".lauwer-recovery-codes code").allTextContents();
    expect(recovery).toHaveLength(10);
    await withSecondFactors((store) => {
      store[email]!.recovery = recovery;
      store[email]!.setUpAt = Date.now();
    });
    await page.getByRole("link", { name: "Ik heb de codes bewaard, verder" }).click();
    await settle(page, "/account/tweestapsverificatie");
    return true;
  });
}

/**
 * Passes the code step after the password. One account's code step at a time across the workers: the
 * server takes a step once and none older than the last it took, so two workers' codes crossing on the
 * way in would have the older one refused.
 */
export async function passCodeStep(page: Page, email: string) {
  await withLock(`${LOCK}.code.${email.replace(/[^a-z0-9]/gi, "_")}`, async () => {
    await page.getByLabel("Code", { exact: true }).fill(await nextCode(email));
    // Exactly: a person with a passkey also sees "Doorgaan met passkey".
    await page.getByRole("button", { name: "Doorgaan", exact: true }).click();
    if ((await settle(page, "/inloggen/tweede-stap")) === null) throw new Error(`code step refused for ${email}`);
  });
}

/**
 * Logs in as a person does: the password, then — for a person with a second factor — the code step, or
 * for a role that needs one and has none yet, setting up the app. A refused password stays on the page.
 */
export async function logIn(page: Page, email: string, password: string) {
  const started = Date.now();
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  const where = await settle(page, "/inloggen");
  if (where === "/inloggen/tweede-stap") await passCodeStep(page, email);
  else if (where === "/account/tweestapsverificatie" && !(await setUpApp(page, email, started))) {
    // Another worker set up this account's app meanwhile: sign in afresh, now with the code step.
    await page.context().clearCookies();
    await logIn(page, email, password);
  }
}
