import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, expectAccessible, logIn, test } from "./fixtures";

// The "phone" project (playwright.config.ts) runs this at 390 × 844: every role's main pages, each
// without axe violations (WCAG 2.1 A/AA and 2.2 target size) and no wider than the screen.
const YEAR = new Date().getFullYear();
const PAST = YEAR - 1;
const BOOK = "/boek/ambtenaren-200-jaar";
const ADMIN_BOOK = "/beheer/boeken/ambtenaren-200-jaar";
const EDITION = `/beheer/prijzen/jonge-ambtenaar/${YEAR}`;

/** Opens a page and checks it: answered, accessible, and nothing wider than the viewport. */
async function check(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${path} is wider than the screen`).toBeLessThanOrEqual(innerWidth);
}

/** The address of the first link in the main content whose address contains part (ids differ per database). */
async function firstLink(page: Page, from: string, part: string): Promise<string> {
  await page.goto(from);
  const href = await page.locator(`main a[href*="${part}"]`).first().getAttribute("href");
  expect(href, `a link with ${part} on ${from}`).toBeTruthy();
  return href!;
}

async function signIn(page: Page, email: string) {
  await logIn(page, email, DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/\/inloggen/);
}

test.beforeEach(() => {
  test.setTimeout(600_000); // a hang guard only: a busy machine may take many times as long
});

test("a visitor on a phone: home, awards, candidates, results, the book and the statements", async ({ page }) => {
  expect(page.viewportSize()).toEqual({ width: 390, height: 844 });
  for (const path of [
    "/",
    "/prijzen/jonge-ambtenaar",
    `/prijzen/jonge-ambtenaar/${YEAR}`,
    `/prijzen/jonge-ambtenaar/${YEAR}/kandidaten`,
    await firstLink(page, `/prijzen/jonge-ambtenaar/${YEAR}/kandidaten`, "/kandidaten/"),
    `/prijzen/jonge-ambtenaar/${PAST}/uitslag`,
    `/prijzen/top-100-ambtenaar/${PAST}/uitslag`,
    `/prijzen/top-100-ambtenaar/${PAST}/top-100`,
    `/prijzen/top-100-ambtenaar/${PAST}/uitslag/controleren`,
    "/boek",
    BOOK,
    `${BOOK}/voordrachten`,
    `${BOOK}/portretten`,
    await firstLink(page, `${BOOK}/portretten`, "/portretten/"),
    "/inloggen",
    "/registreren",
    "/stembewijs",
    "/privacy",
    "/toegankelijkheid",
  ])
    await check(page, path);
});

test("a voter on a phone: account, the open ballot, my votes and my nominations", async ({ page }) => {
  await signIn(page, "stemmer1@lauwer.test");
  for (const path of ["/account", `/prijzen/jonge-ambtenaar/${YEAR}/ronde/2/algemeen`, "/mijn-stemmen", "/mijn-nominaties"])
    await check(page, path);
});

test("a juror on a phone: the rounds and a candidate's file", async ({ page }) => {
  await signIn(page, "jurylid@lauwer.test");
  const round = `/jury/overheidsmanager/${YEAR}/1`;
  for (const path of ["/jury", round, await firstLink(page, round, `${round}/`)]) await check(page, path);
});

test("an organizer on a phone: every tool of an edition, moderation and the audit log", async ({ page }) => {
  await signIn(page, "organisator@lauwer.test");
  for (const path of [
    "/beheer/prijzen",
    EDITION,
    `${EDITION}/procedure`,
    `${EDITION}/moderatie`,
    await firstLink(page, `${EDITION}/moderatie`, "/moderatie/"),
    `${EDITION}/stemmen/2`,
    `${EDITION}/stemmen/2/stembiljetten`,
    `${EDITION}/jury`,
    `${EDITION}/jury/belangen`,
    `${EDITION}/uitslag`,
    `${EDITION}/berichten`,
    `${EDITION}/export`,
    `${EDITION}/bewaartermijn`,
    `/beheer/prijzen/jonge-ambtenaar/${PAST}/uitslag`,
    "/beheer/prijzen/jonge-ambtenaar/auditlog",
  ])
    await check(page, path);
});

test("an admin and an editor on a phone: roles, the audit log and the book's tools", async ({ page }) => {
  await signIn(page, "beheerder@lauwer.test");
  for (const path of ["/beheer/rollen", "/beheer/audit", "/beheer/gebruikers?q=lid0"]) await check(page, path);
  await check(page, await firstLink(page, "/beheer/gebruikers?q=lid01", "/beheer/gebruikers/"));
  await page.context().clearCookies();
  await signIn(page, "redacteur@lauwer.test");
  for (const path of [
    ADMIN_BOOK,
    `${ADMIN_BOOK}/voordrachten`,
    `${ADMIN_BOOK}/portretten`,
    await firstLink(page, `${ADMIN_BOOK}/portretten`, "/portretten/"),
    `${ADMIN_BOOK}/toewijzing`,
    `${ADMIN_BOOK}/auteurs`,
    `${ADMIN_BOOK}/balans`,
    `${ADMIN_BOOK}/auditlog`,
  ])
    await check(page, path);
});
