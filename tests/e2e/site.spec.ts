import { DEMO_PASSWORD, expect, expectAccessible, logIn, test } from "./fixtures";

test("switches language and remembers it", async ({ page }) => {
  await page.goto("/inloggen");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Log in" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign up" })).toBeVisible();
  await page.goto("/privacy");
  await expect(page.getByRole("heading", { level: 1, name: "Privacy statement" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Schakel over naar Nederlands" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("heading", { level: 1, name: "Privacyverklaring" })).toBeVisible();
});

test("home, statements and 404 are accessible; the skip link is the first tab stop", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Welkom bij Lauwer" })).toBeVisible();
  await expect(page.getByText("Top 100 Ambtenaar van het Jaar")).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Direct naar de inhoud" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main")).toBeFocused();

  await page.getByRole("link", { name: "Toegankelijkheidsverklaring" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Toegankelijkheidsverklaring" })).toBeVisible();
  await expect(page.locator("#main")).toBeFocused(); // focus moves to the new page's content
  await expectAccessible(page);

  const res = await page.goto("/bestaat-niet");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
  await expectAccessible(page);
});

test("an admin grants and revokes a scoped role, and sees it in the audit log", async ({ page }) => {
  await logIn(page, "beheerder@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.getByRole("link", { name: "Beheer: rollen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Beheer: rollen" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("E-mailadres").fill("stemmer1@lauwer.test");
  await page.getByLabel("Rol", { exact: true }).selectOption("jury");
  await page.getByLabel("Voor").selectOption({ label: "Jonge Ambtenaar van het Jaar 2026" });
  await page.getByRole("button", { name: "Rol toekennen" }).click();
  await expect(page.getByRole("status")).toContainText("Rol toegekend");
  const row = page.getByRole("row").filter({ hasText: "stemmer1@lauwer.test" });
  await expect(row).toContainText("Jurylid");
  await expect(page.getByRole("table").last()).toContainText("Rol toegekend"); // the recent changes read in words
  await expectAccessible(page);

  // A role that does not fit its scope is refused with an explanation.
  await page.getByLabel("E-mailadres").fill("stemmer1@lauwer.test");
  await page.getByLabel("Rol", { exact: true }).selectOption("editor");
  await page.getByLabel("Voor").selectOption({ label: "Jonge Ambtenaar van het Jaar 2026" });
  await page.getByRole("button", { name: "Rol toekennen" }).click();
  await expect(page.getByLabel("Voor")).toHaveAccessibleDescription(/Deze rol hoort bij iets anders/);
  await expectAccessible(page);

  await row.getByRole("button", { name: /Rol Jurylid van Sanne Stemmer intrekken/ }).click();
  await expect(page.getByRole("status")).toContainText("Rol ingetrokken");
  await expect(page.getByRole("row").filter({ hasText: "stemmer1@lauwer.test" })).toHaveCount(0);
  await expect(page.getByRole("table").last()).toContainText("Rol ingetrokken");
});

test("a member cannot open the admin screen", async ({ page }) => {
  await logIn(page, "stemmer1@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  const res = await page.goto("/beheer/rollen");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Geen toegang" })).toBeVisible();
  await expectAccessible(page);
});
