import { DEMO_PASSWORD, expect, expectAccessible, logIn, openLatestMail, test, uniqueEmail } from "./fixtures";

// Issue #16 item 5: a platform admin finds a person from the navigation, blocks the account with a
// reason (the person's open session ends at once, and they cannot sign in), and lifts the block.
test("an admin finds a person from the navigation, blocks them with a reason and lifts the block", async ({ page, browser }) => {
  const tag = Math.random().toString(36).slice(2, 7);
  const name = `Sanne Blok ${tag}`;
  const email = uniqueEmail("blok");
  const password = "een lang wachtwoord van sanne";

  // The person signs up and is signed in, in a browser of their own.
  const personContext = await browser.newContext();
  const person = await personContext.newPage();
  await person.goto("/registreren");
  await person.getByLabel("Naam").fill(name);
  await person.getByLabel("E-mailadres").fill(email);
  await person.getByLabel(/Organisatie/).fill("Gemeente Zwolle");
  await person.getByLabel("Wachtwoord").fill(password);
  await person.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(person.getByRole("heading", { level: 1, name: "Inloggen" })).toBeVisible();
  await logIn(person, email, password);
  await expect(person.getByRole("status")).toContainText("Je bent ingelogd");

  // The admin goes from the home page through Mijn Lauwer to Gebruikers and searches.
  await logIn(page, "beheerder@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/");
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mijn Lauwer" }).click();
  await page.getByRole("link", { name: "Gebruikers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gebruikers" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Zoek op naam, e-mailadres of organisatie").fill(`blok ${tag}`);
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page.getByText("1 persoon gevonden")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name }).click();

  // The person's page: not confirmed yet, one live session, no roles.
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Nog niet bevestigd", { exact: true })).toBeVisible();
  await expect(page.getByText("1 actieve sessie", { exact: true })).toBeVisible();
  await expect(page.getByText("Deze persoon heeft geen rollen.")).toBeVisible();
  await expectAccessible(page);

  // Blocking needs a reason.
  await page.getByRole("button", { name: "Blokkeer dit account" }).click();
  await expect(page.locator("#error-summary")).toBeFocused();
  await expect(page.getByLabel("Reden")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  const reason = "Nepaccount dat stemmen probeert te kopen";
  await page.getByLabel("Reden").fill(reason);
  await page.getByRole("button", { name: "Blokkeer dit account" }).click();
  await expect(page.getByRole("status")).toContainText("Het account is geblokkeerd");
  await expect(page.getByText(/Geblokkeerd sinds/)).toBeVisible();
  const personPage = new URL(page.url()).pathname;
  await expect(page.getByText("0 actieve sessies", { exact: true })).toBeVisible();
  const entries = page.getByRole("region", { name: "Acties op dit account" });
  await expect(entries.getByRole("row").filter({ hasText: "Account geblokkeerd" })).toContainText(reason);
  await expectAccessible(page);

  // The person's open page no longer has a session: the next request asks them to sign in, and signing in is refused.
  await person.goto("/account");
  await expect(person.getByRole("heading", { level: 1, name: "Inloggen" })).toBeVisible();
  await logIn(person, email, password);
  await expect(person.getByRole("alert")).toContainText("horen niet bij elkaar");

  // They were told why, by mail.
  await openLatestMail(page, email, "Je Lauwer-account is geblokkeerd");
  await expect(page.locator(".lauwer-mail-body")).toContainText(reason);

  // The admin lifts the block (with a reason); the person can sign in again.
  await page.goto(personPage);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByLabel("Reden").fill("Toch een echte collega, uitgezocht met de organisatie");
  await page.getByRole("button", { name: "Hef de blokkering op" }).click();
  await expect(page.getByRole("status")).toContainText("weer vrijgegeven");
  await expect(page.getByRole("button", { name: "Blokkeer dit account" })).toBeVisible();
  await expectAccessible(page);
  await logIn(person, email, password);
  await expect(person.getByRole("status")).toContainText("Je bent ingelogd");
  await personContext.close();
});
