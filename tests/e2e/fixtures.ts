import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export { expect };
export const DEMO_PASSWORD = "demo wachtwoord voor e2e";

/** WCAG 2.1 A and AA and WCAG 2.2's target size (24 × 24 px): zero violations allowed on every page a test visits. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
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

export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}
