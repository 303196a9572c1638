import { readFile } from "node:fs/promises";
import { DEMO_PASSWORD, expect, expectAccessible, logIn, openLatestMail, test } from "./fixtures";

// The self-service account (#16 item 3), through the browser only, as a member finds it: from the
// account menu to the hub, and from there to each task. Demo members lid12 and lid13 are used by no
// other spec (lid13 is deleted here).

test("a member finds every task on the account page, signs out elsewhere, downloads their data and changes their address", async ({
  page,
  browser,
}) => {
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
    "Tweestapsverificatie en passkeys",
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

  // Sessions: signed in on a second browser too; "sign out everywhere else" ends that one, not this one.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await logIn(other, email, DEMO_PASSWORD);
  await expect(other.getByRole("status")).toContainText("Je bent ingelogd");
  await page
    .getByRole("navigation", { name: "Wat wil je doen?" })
    .getByRole("link", { name: "Ingelogde apparaten bekijken en uitloggen" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Ingelogde apparaten" })).toBeVisible();
  await expect(page.getByRole("cell", { name: /dit apparaat/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /uitloggen \(ingelogd op/ })).toHaveCount(1);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Overal anders uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent overal anders uitgelogd");
  await expect(page.getByText("Je bent nergens anders ingelogd.")).toBeVisible();
  await expectAccessible(page);
  await other.goto("/account");
  await expect(other.getByRole("heading", { level: 1, name: "Inloggen" })).toBeVisible();
  await elsewhere.close();

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

  // A new address: confirmed by the link mailed to it; the old address is told.
  const next = `lid12-nieuw-${Date.now().toString(36)}@example.nl`;
  await page.goto("/account");
  await page.getByRole("navigation", { name: "Wat wil je doen?" }).getByRole("link", { name: "E-mailadres wijzigen" }).click();
  const change = page.getByRole("form", { name: "E-mailadres wijzigen" });
  await change.getByLabel("Nieuw e-mailadres").fill(next);
  await change.getByLabel("Huidig wachtwoord").fill(DEMO_PASSWORD);
  await change.getByRole("button", { name: "Bevestigingslink sturen" }).click();
  await expect(page.getByRole("status")).toContainText("Kijk in de mailbox van je nieuwe adres");
  await expect(page.getByText(`${email} (Bevestigd)`)).toBeVisible();
  const link = await openLatestMail(page, next, "Bevestig je nieuwe e-mailadres voor Lauwer");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Nieuw e-mailadres bevestigen" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "E-mailadres bevestigen" }).click();
  await expect(page.getByRole("status")).toContainText("Je e-mailadres is gewijzigd");
  await expect(page.getByText(`${next} (Bevestigd)`)).toBeVisible();
  await expectAccessible(page);
  await openLatestMail(page, email, "Het e-mailadres van je Lauwer-account is gewijzigd");
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
  // Also erased wherever others entered their address (the erase-a-person service, issue #19).
  await form.getByLabel(/Wis ook alles wat anderen met mijn e-mailadres over mij invoerden/).check();
  await form.getByRole("button", { name: "Mijn account definitief verwijderen" }).click();
  await expect(page.getByRole("status")).toContainText("Je account is verwijderd");
  await expect(page.getByRole("heading", { level: 1, name: "Inloggen" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Mijn account" })).toHaveCount(0);
  await expectAccessible(page);

  // The account is gone: its password opens nothing.
  await logIn(page, email, DEMO_PASSWORD);
  await expect(page.getByText("Dit e-mailadres en wachtwoord horen niet bij elkaar")).toBeVisible();
});
