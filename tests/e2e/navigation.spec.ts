import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, expectAccessible, logIn, test } from "./fixtures";

// Task-first navigation: the header shows the person's areas by role, login lands on "Mijn Lauwer" with
// their open work, the edition's task is a primary button, and on phones the header collapses to a
// "Menu" button. The demo's Jonge Ambtenaar vote (round 2, one category) is open; Top 100 nominates.
const YEAR = new Date().getFullYear();
const BALLOT = `/prijzen/jonge-ambtenaar/${YEAR}/ronde/2/algemeen`;
const mainMenu = (page: Page) => page.getByRole("navigation", { name: "Hoofdmenu" });

/** Logs in from the login page (no redirectTo) and checks the landing page is "Mijn Lauwer". */
async function logInLands(page: Page, email: string) {
  await logIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await expect(page).toHaveURL(/\/mijn-lauwer\?/);
  await expect(page.getByRole("heading", { level: 1, name: "Mijn Lauwer" })).toBeVisible();
  await expectAccessible(page);
}

test("from the home page a signed-in voter reaches the open ballot in at most two clicks", async ({ page }) => {
  await logIn(page, "lid60@lauwer.test", DEMO_PASSWORD); // not stemmer2: accounts.spec throttles its logins
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/");
  await expectAccessible(page);
  let clicks = 0;
  // Each award's card has its task as a button, described by the award's name.
  const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Jonge Ambtenaar van het Jaar", exact: true }) });
  const vote = card.getByRole("link", { name: /^Stem nu — sluit \d{1,2} \w+$/ });
  await expect(vote).toHaveAccessibleDescription("Jonge Ambtenaar van het Jaar");
  await expect(vote).toHaveClass(/utrecht-button-link--primary-action/);
  await vote.click();
  clicks++;
  await expect(page).toHaveURL(/\/ronde\/2(\/|$)/);
  // The edition has one category: the button leads straight to its ballot (else to the round's categories).
  if (!page.url().endsWith(BALLOT)) {
    await page.getByRole("main").getByRole("link", { name: "Algemeen", exact: true }).click();
    clicks++;
  }
  await expect(page).toHaveURL(new RegExp(`${BALLOT}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Publieksprijs: Algemeen" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Je keuze" }).getByRole("radio").first()).toBeVisible();
  expect(clicks).toBeLessThanOrEqual(2);
  await expectAccessible(page);
});

test("a visitor sees the edition's task as a primary button, with breadcrumbs on the edition pages", async ({ page }) => {
  await page.goto("/");
  await expect(mainMenu(page).getByRole("link", { name: "Mijn Lauwer" })).toHaveCount(0);
  // The development mailbox is outside the main navigation (in the footer, in development only).
  await expect(mainMenu(page).getByRole("link", { name: "Ontwikkelmailbox" })).toHaveCount(0);
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "Ontwikkelmailbox" })).toBeVisible();
  // Nominating needs an account: the button leads to the form, by way of the login page.
  const top100 = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: "Top 100 Ambtenaar van het Jaar", exact: true }) });
  await top100.getByRole("link", { name: /^Nomineer — kan tot \d{1,2} \w+$/ }).click();
  await expect(page).toHaveURL(new RegExp(`/inloggen\\?redirectTo=${encodeURIComponent(`/prijzen/top-100-ambtenaar/${YEAR}/nomineren`)}$`));
  await expectAccessible(page);

  await page.goto(`/prijzen/jonge-ambtenaar/${YEAR}`);
  const crumbs = page.getByRole("navigation", { name: "Kruimelpad" });
  await expect(crumbs.getByRole("link", { name: "Home" })).toHaveAttribute("href", "/");
  await expect(crumbs.getByText(`Jonge Ambtenaar van het Jaar ${YEAR}`)).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("main").getByRole("link", { name: /^Stem nu — sluit / })).toHaveAttribute("href", BALLOT);
  await expectAccessible(page);

  // A finished edition: its results.
  await page.goto(`/prijzen/jonge-ambtenaar/${YEAR - 1}`);
  await page.getByRole("main").getByRole("link", { name: "Bekijk de uitslag", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/prijzen/jonge-ambtenaar/${YEAR - 1}/uitslag$`));
  const trail = page.getByRole("navigation", { name: "Kruimelpad" });
  await expect(trail.getByRole("link", { name: `Jonge Ambtenaar van het Jaar ${YEAR - 1}` })).toBeVisible();
  await expectAccessible(page);
});

test("the organizer lands on the editions that need attention and reaches the control room", async ({ page }) => {
  await logInLands(page, "organisator@lauwer.test");
  await expect(mainMenu(page).getByRole("link", { name: "Beheer" })).toHaveAttribute("href", "/beheer/prijzen");
  await expect(mainMenu(page).getByRole("link", { name: "Jury" })).toHaveCount(0);
  const editions = page.getByRole("region", { name: "Prijzen die je aandacht vragen" });
  await expect(editions.getByRole("heading", { level: 3 })).toContainText([`Jonge Ambtenaar van het Jaar ${YEAR}`]);
  await editions.getByRole("link", { name: `Naar de regiekamer van Jonge Ambtenaar van het Jaar ${YEAR}` }).click();
  await expect(page).toHaveURL(new RegExp(`/beheer/prijzen/jonge-ambtenaar/${YEAR}$`));
  await expectAccessible(page);
  await mainMenu(page).getByRole("link", { name: "Beheer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mijn prijzen" })).toBeVisible();
  await expectAccessible(page);
});

test("every organizer tool of an edition is reachable from its control room, and each opens", async ({ page }) => {
  test.setTimeout(600_000); // a hang guard only: a busy machine may take many times as long
  await logInLands(page, "organisator@lauwer.test");
  await page
    .getByRole("region", { name: "Prijzen die je aandacht vragen" })
    .getByRole("link", { name: `Naar de regiekamer van Jonge Ambtenaar van het Jaar ${YEAR}` })
    .click();
  const base = `/beheer/prijzen/jonge-ambtenaar/${YEAR}`;
  await expect(page).toHaveURL(new RegExp(`${base}$`));
  // The edition's menu on the control room (the wide copy at this width).
  const menu = page.getByRole("navigation", { name: `Beheer van Jonge Ambtenaar van het Jaar ${YEAR}` }).last();
  const hrefs = await menu.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  // Every tool of the edition: its settings, moderation, each round of its procedure (1 selection,
  // 2 public vote with its ballots, 3 jury, 4 live vote with its ballots), the jury, results, notices,
  // exports, retention and the award's audit log.
  const tools = [
    "",
    "/moderatie",
    "/procedure",
    "/selectie/1",
    "/stemmen/2",
    "/stemmen/2/stembiljetten",
    "/jury/3",
    "/stemmen/4",
    "/stemmen/4/stembiljetten",
    "/jury",
    "/jury/belangen",
    "/uitslag",
    "/berichten",
    "/export",
    "/bewaartermijn",
  ].map((path) => `${base}${path}`);
  expect(hrefs.sort()).toEqual([...tools, "/beheer/prijzen/jonge-ambtenaar/auditlog", "/beheer/prijzen/jonge-ambtenaar/team"].sort());
  // Each opens from the menu as a page with its heading (no error page).
  for (const href of hrefs) {
    await menu.locator(`a[href="${href}"]`).click();
    await expect(page).toHaveURL(new RegExp(`${href!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).not.toContainText(/niet gevonden|Geen toegang|Er ging iets mis/);
    if (href !== base) await page.goto(base);
  }
  await expectAccessible(page);
});

test("the juror lands on their open jury round with deadline and progress; /jury lists open rounds first", async ({ page }) => {
  await logInLands(page, "jurylid@lauwer.test");
  await expect(mainMenu(page).getByRole("link", { name: "Beheer" })).toHaveCount(0);
  const jury = page.getByRole("region", { name: "Jurywerk" });
  const open = jury.getByRole("listitem").filter({ hasText: `Overheidsmanager van het Jaar ${YEAR}: Interviews` });
  await expect(open).toContainText("Open");
  await expect(open).toContainText(/Sluit \d{1,2} \w+ \d{4}/);
  await expect(open).toContainText(/\d+ van 8 kandidaten beoordeeld/);
  await expect(open.getByRole("link", { name: "Beoordeel: Interviews" })).toHaveClass(/utrecht-button-link--primary-action/);

  await mainMenu(page).getByRole("link", { name: "Jury" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jury" })).toBeVisible();
  const states = await page.locator(".lauwer-task .lauwer-state").allInnerTexts();
  expect(states.length).toBeGreaterThan(2);
  const order = states.map((s) => ["Open", "Wacht", "Gesloten"].indexOf(s.replace(/^Stand:\s*/, "").trim()));
  expect(order).not.toContain(-1);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(order[0]).toBe(0);
  await expect(page.getByRole("navigation", { name: "Kruimelpad" }).getByRole("link", { name: "Mijn Lauwer" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Beoordeel: Interviews" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Overheidsmanager van het Jaar ${YEAR}: Interviews` })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Kruimelpad" }).getByRole("link", { name: "Jury" })).toHaveAttribute("href", "/jury");
  await expectAccessible(page);
});

test("the editor lands with Redactie in the header and among their work areas", async ({ page }) => {
  await logInLands(page, "redacteur@lauwer.test");
  await expect(page.getByRole("navigation", { name: "Je werkplekken" }).getByRole("link", { name: "Redactie" })).toBeVisible();
  await mainMenu(page).getByRole("link", { name: "Redactie" }).click();
  await expect(page).toHaveURL(/\/beheer\/boeken$/);
  await expectAccessible(page);
});

test("a voter lands on the open vote with a Stem nu button; an author has Mijn portretten", async ({ page }) => {
  await logInLands(page, "stemmer1@lauwer.test");
  const votes = page.getByRole("region", { name: "Stemmen" });
  const button = votes.getByRole("link", { name: /^Stem nu — sluit \d{1,2} \w+$/ });
  await expect(button).toHaveAccessibleDescription(`Jonge Ambtenaar van het Jaar ${YEAR}: Publieksprijs`);
  await expect(button).toHaveAttribute("href", BALLOT);
  await expect(mainMenu(page).getByRole("link", { name: "Beheer" })).toHaveCount(0);
  await expect(mainMenu(page).getByRole("link", { name: "Mijn portretten" })).toHaveCount(0);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");

  // lid20 writes portraits for the demo book.
  await logInLands(page, "lid20@lauwer.test");
  await mainMenu(page).getByRole("link", { name: "Mijn portretten" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mijn portretten" })).toBeVisible();
  await expectAccessible(page);
});

test("a login with a safe redirectTo still goes there", async ({ page }) => {
  await page.goto("/mijn-stemmen");
  await expect(page).toHaveURL(/\/inloggen\?redirectTo=%2Fmijn-stemmen/);
  await page.getByLabel("E-mailadres").fill("stemmer1@lauwer.test");
  await page.getByLabel("Wachtwoord", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mijn stemmen" })).toBeVisible();
  await expectAccessible(page);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the header collapses to the logo and a Menu button that opens and closes with the keyboard", async ({ page }) => {
    await logInLands(page, "organisator@lauwer.test");
    await page.goto("/");
    const header = page.getByRole("banner");
    expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
    await expect(mainMenu(page)).toBeHidden();
    const menu = page.locator("details.lauwer-menu");
    const button = menu.locator("summary");
    await expect(button).toHaveText("Menu");

    // Tab order: skip link, logo, Menu.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(button).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("open", "");
    await expect(mainMenu(page).getByRole("link", { name: "Beheer" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();
    await expectAccessible(page);
    await page.keyboard.press("Tab");
    await expect(mainMenu(page).getByRole("link", { name: "Home" })).toBeFocused();
    // Escape closes the menu and gives focus back to its button.
    await page.keyboard.press("Escape");
    await expect(menu).not.toHaveAttribute("open", "");
    await expect(mainMenu(page)).toBeHidden();
    await expect(button).toBeFocused();
    // Space opens it again, Enter closes it.
    await page.keyboard.press("Space");
    await expect(mainMenu(page)).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(mainMenu(page)).toBeHidden();
    await expectAccessible(page);

    // A link in the menu leads on, and the menu is closed on the new page.
    await button.click();
    await mainMenu(page).getByRole("link", { name: "Mijn Lauwer" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Mijn Lauwer" })).toBeVisible();
    await expect(mainMenu(page)).toBeHidden();
    await expectAccessible(page);
  });

  test("the menu works without JavaScript", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "Hoofdmenu" })).toBeHidden();
    await page.locator("details.lauwer-menu summary").click();
    await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Inloggen" })).toBeVisible();
    await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Inloggen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Inloggen" })).toBeVisible();
    // axe needs JavaScript in the page; the same header is checked with JavaScript in the test above.
    await context.close();
  });
});
