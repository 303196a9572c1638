import { readFile } from "node:fs/promises";
import { DEMO_PASSWORD, expect, expectAccessible, logIn, test } from "./fixtures";

// The self-service account (#16 item 3), through the browser only, as a member finds it: from the
// account menu to the hub, and from there to each task. Demo members lid12 and lid13 are used by no
// other spec (lid13 is deleted here).

test("a member finds every task on the account page and downloads everything Lauwer holds about them", async ({ page }) => {
  const email = "lid12@lauwer.test";
  await logIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");

  // The receipt codes the member sees on their own votes page must be in the download.
  await page.goto("/mijn-stemmen");
  await expectAccessible(page);
  const receipts = await page.locator(".lauwer-receipt").allTextContents();
  expect(receipts.length).toBeGreaterThan(0);

  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Mijn account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mijn account" })).toBeVisible();
  await expectAccessible(page);
  const tasks = page.getByRole("navigation", { name: "Wat wil je doen?" });
  for (const name of [
    "Naam en organisatie wijzigen",
    "E-mailadres wijzigen",
    "Wachtwoord wijzigen",
    "Tweestapsverificatie instellen",
    "Ingelogde apparaten bekijken en uitloggen",
    "Kiezen welke e-mails je krijgt",
    "Mijn gegevens downloaden",
    "Mijn account verwijderen",
  ])
    await expect(tasks.getByRole("link", { name })).toBeVisible();

  // Name and organisation.
  await tasks.getByRole("link", { name: "Naam en organisatie wijzigen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Naam en organisatie" })).toBeVisible();
  await expectAccessible(page);
  const profile = page.getByRole("form", { name: "Naam en organisatie" });
  await profile.getByLabel("Naam").fill("");
  await profile.getByRole("button", { name: "Opslaan" }).click();
  await expect(profile.getByLabel("Naam")).toHaveAccessibleDescription(/Vul het veld ‘Naam’ in/);
  await expectAccessible(page);
  await profile.getByLabel("Naam").fill("Lid Twaalf");
  await profile.getByLabel("Organisatie").fill("Waterschap Rivierenland");
  await profile.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status")).toContainText("Je naam en organisatie zijn opgeslagen");
  await expect(page.getByText("Waterschap Rivierenland")).toBeVisible();

  // Sessions: this browser is listed as this device, with nothing else to sign out.
  await page
    .getByRole("navigation", { name: "Wat wil je doen?" })
    .getByRole("link", { name: "Ingelogde apparaten bekijken en uitloggen" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Ingelogde apparaten" })).toBeVisible();
  await expect(page.getByRole("cell", { name: /dit apparaat/ })).toBeVisible();
  await expectAccessible(page);

  // Download my data.
  await page.goto("/account");
  await page.getByRole("navigation", { name: "Wat wil je doen?" }).getByRole("link", { name: "Mijn gegevens downloaden" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mijn gegevens downloaden" })).toBeVisible();
  await expectAccessible(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download mijn gegevens (JSON)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^lauwer-mijn-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile((await download.path())!, "utf8");
  const data = JSON.parse(text);
  expect(data.account).toMatchObject({ email, name: "Lid Twaalf", organisation: "Waterschap Rivierenland" });
  const exported = data.byAccount["ballot.voter_id"].map((b: { receipt_code: string }) => b.receipt_code);
  for (const code of receipts) expect(exported).toContain(code.trim());
  expect(data.byAccount["user_session.user_id"].length).toBeGreaterThan(0);
  expect(text).not.toContain("password_hash");
  expect(text).not.toContain("token_hash");
});

test("a member reads what deleting their account does, confirms with their password, and is gone", async ({ page }) => {
  const email = "lid13@lauwer.test";
  await logIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/mijn-stemmen");
  const votes = await page.locator(".lauwer-receipt").count();
  expect(votes).toBeGreaterThan(0);

  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Mijn account" }).click();
  await page.getByRole("navigation", { name: "Wat wil je doen?" }).getByRole("link", { name: "Mijn account verwijderen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mijn account verwijderen" })).toBeVisible();
  // Explained first, with the member's own numbers.
  await expect(page.getByText(votes === 1 ? "Je 1 stem blijft meetellen" : `Je ${votes} stemmen blijven meetellen`)).toBeVisible();
  await expect(page.getByText(/Je rollen, je ingelogde apparaten/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Mijn gegevens downloaden" })).toBeVisible();
  await expectAccessible(page);

  const form = page.getByRole("form", { name: "Bevestigen" });
  await form.getByLabel("Je wachtwoord").fill("niet mijn wachtwoord");
  await form.getByRole("button", { name: "Mijn account definitief verwijderen" }).click();
  await expect(form.getByLabel("Je wachtwoord")).toHaveAccessibleDescription(/niet je huidige wachtwoord/);
  await expectAccessible(page);

  await form.getByLabel("Je wachtwoord").fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: "Mijn account definitief verwijderen" }).click();
  await expect(page.getByRole("status")).toContainText("Je account is verwijderd");
  await expect(page.getByRole("heading", { level: 1, name: "Inloggen" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Mijn account" })).toHaveCount(0);
  await expectAccessible(page);

  // The account is gone: its password opens nothing.
  await logIn(page, email, DEMO_PASSWORD);
  await expect(page.getByText("Dit e-mailadres en wachtwoord horen niet bij elkaar")).toBeVisible();
});
