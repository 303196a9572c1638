import { DEMO_PASSWORD, expect, expectAccessible, logIn, test } from "./fixtures";

const NOMINATE = "/prijzen/top-100-ambtenaar/2026/nomineren";

test("an empty nomination shows an error summary that has the focus and leads to each field; no category is preselected", async ({
  page,
}) => {
  await logIn(page, "stemmer1@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto(NOMINATE);
  const category = page.getByLabel("Categorie");
  await expect(category).toHaveValue("");
  await expect(category.locator("option:checked")).toHaveText("Kies een categorie");

  await page.getByRole("button", { name: "Nominatie versturen" }).click();
  const summary = page.locator("#error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("heading", { name: "Er ging iets mis" })).toBeVisible();
  await expect(summary.getByRole("alert")).toBeVisible();
  const links = summary.getByRole("link");
  // In the order of the fields: the category first, with a message that names it.
  await expect(links.first()).toHaveText("Kies een categorie voor de nominatie.");
  await expect(summary).toContainText("Vul de naam van de genomineerde in.");
  await expect(summary).toContainText("Vul je relatie tot de genomineerde in");
  await expectAccessible(page);

  const count = await links.count();
  expect(count).toBeGreaterThanOrEqual(5);
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(/^#field-/);
    await link.click();
    const field = page.locator(href);
    await expect(field).toBeFocused();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    // The field's own message is the link's text.
    await expect(field).toHaveAccessibleDescription(new RegExp((await link.textContent())!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  }

  // Fixing a field takes it off the summary.
  await category.selectOption({ label: "Rijk — beleid" });
  await expect(summary.getByRole("link", { name: "Kies een categorie voor de nominatie." })).toHaveCount(0);
});

test("the role form starts at the least powerful role and no scope; leaving the scope empty is refused by name", async ({ page }) => {
  await logIn(page, "beheerder@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/beheer/rollen");
  const role = page.getByLabel("Rol", { exact: true });
  const scope = page.getByLabel("Voor", { exact: true });
  await expect(role).toHaveValue("jury");
  await expect(role.locator("option:checked")).toHaveText("Jurylid");
  // The roles are listed from the least to the most powerful.
  await expect(role.locator("option")).toHaveText(["Jurylid", "Redacteur", "Organisator", "Platformbeheerder"]);
  await expect(scope).toHaveValue("");
  await expect(scope.locator("option:checked")).toHaveText("Kies waarvoor de rol geldt");
  await expect(scope.locator("option").last()).toHaveText("Het hele platform");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Rol toekennen" }).click();
  const summary = page.locator("#error-summary");
  await expect(summary).toBeFocused();
  await summary.getByRole("link", { name: /Kies waarvoor de rol geldt/ }).click();
  await expect(scope).toBeFocused();
  await expectAccessible(page);
});
