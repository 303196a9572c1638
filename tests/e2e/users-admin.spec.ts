import { DEMO_PASSWORD, expect, expectAccessible, logIn, openLatestMail, setUpApp, test, uniqueEmail } from "./fixtures";

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

// ADR 0024/0028: someone who lost both their authenticator app and their recovery codes asks an admin.
// The admin finds them, removes the second factor with a reason, and sees it among the actions on the
// account and in the audit log; at the next sign-in the person must set up a new app before their role's
// pages open again.
test("an admin removes the second factor of someone who lost it; the person must set up a new app; the audit log shows it", async ({
  page,
  browser,
}) => {
  const tag = Math.random().toString(36).slice(2, 7);
  const name = `Mila Kwijt ${tag}`;
  const email = uniqueEmail("kwijt");
  const password = "een lang wachtwoord van mila";
  const reason = "Telefoon en herstelcodes kwijt; teruggebeld via het nummer van het ministerie";

  const personContext = await browser.newContext();
  const person = await personContext.newPage();
  await test.step("the person signs up and becomes an editor of the portrait book", async () => {
    await person.goto("/registreren");
    await person.getByLabel("Naam").fill(name);
    await person.getByLabel("E-mailadres").fill(email);
    await person.getByLabel(/Organisatie/).fill("Ministerie van BZK");
    await person.getByLabel("Wachtwoord").fill(password);
    await person.getByRole("button", { name: "Account aanmaken" }).click();
    await expect(person.getByRole("heading", { level: 1, name: "Inloggen" })).toBeVisible();

    await logIn(page, "beheerder@lauwer.test", DEMO_PASSWORD);
    await page.goto("/beheer/rollen");
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Rol", { exact: true }).selectOption("editor");
    await page.getByLabel("Voor").selectOption({ label: "Ambtenaren! 200 jaar werken aan Nederland in 100 portretten" });
    await page.getByRole("button", { name: "Rol toekennen" }).click();
    await expect(page.getByRole("status")).toContainText("Rol toegekend");
  });

  await test.step("the person sets up an app at the first sign-in, then loses phone and codes", async () => {
    // logIn sets up the app on the page the password leads to (the editor role needs it).
    await logIn(person, email, password);
    await person.goto("/beheer/boeken");
    await expect(person.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(person).toHaveURL(/\/beheer\/boeken$/);
    await person.getByRole("button", { name: "Uitloggen" }).click();
    await expect(person.getByRole("status")).toContainText("Je bent uitgelogd");
    // Without the phone the code step is as far as they get.
    await person.goto("/inloggen");
    await person.getByLabel("E-mailadres").fill(email);
    await person.getByLabel("Wachtwoord", { exact: true }).fill(password);
    await person.getByRole("button", { name: "Inloggen" }).click();
    await expect(person.getByRole("heading", { level: 1, name: "Tweede stap: je code" })).toBeVisible();
  });

  let personPage = "";
  await test.step("the admin finds the person and removes the second factor, with a reason", async () => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mijn Lauwer" }).click();
    await page.getByRole("link", { name: "Gebruikers" }).click();
    await page.getByLabel("Zoek op naam, e-mailadres of organisatie").fill(`kwijt ${tag}`);
    await page.getByRole("button", { name: "Zoeken" }).click();
    await page.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    personPage = new URL(page.url()).pathname;
    const account = page.getByRole("region", { name: "Account" });
    await expect(account.getByRole("definition").filter({ hasText: /^Aan$/ })).toBeVisible();
    await expect(page.getByRole("region", { name: "Rollen" })).toContainText("Ambtenaren! 200 jaar");
    await expect(page.getByRole("region", { name: "Gekoppelde inlogdiensten" })).toContainText("geen inlogdienst");
    await expectAccessible(page);

    const reset = page.getByRole("region", { name: "Tweestapsverificatie wissen" });
    await reset.getByRole("button", { name: "Wis de tweestapsverificatie" }).click();
    await expect(reset.getByLabel("Reden")).toHaveAttribute("aria-invalid", "true");
    await expect(reset.getByLabel("Reden")).toHaveAccessibleDescription(/Verplicht/);
    await expectAccessible(page);
    await reset.getByLabel("Reden").fill(reason);
    await reset.getByRole("button", { name: "Wis de tweestapsverificatie" }).click();
    await expect(page.getByRole("status")).toContainText("De tweestapsverificatie van dit account is gewist");
    await expect(account.getByRole("definition").filter({ hasText: /^Uit$/ })).toBeVisible();
    await expect(page.getByRole("region", { name: "Tweestapsverificatie wissen" })).toHaveCount(0);
    const entry = page
      .getByRole("region", { name: "Acties op dit account" })
      .getByRole("row")
      .filter({ hasText: "Tweestapsverificatie uitgezet" });
    await expect(entry).toContainText(reason);
    await expect(entry).toContainText("Bea Beheer");
    await expectAccessible(page);
  });

  await test.step("the platform audit log shows the removal on the person", async () => {
    await page.goto("/account");
    await page.getByRole("link", { name: "Auditlog", exact: true }).click();
    const filters = page.getByRole("search", { name: "Auditlog filteren" });
    await filters.getByLabel("Id van het onderwerp").fill(personPage.split("/").at(-1)!);
    await filters.getByRole("button", { name: "Filteren" }).click();
    const rows = page.getByRole("table", { name: "Auditlog, nieuwste eerst" }).getByRole("row");
    await expect(rows.filter({ hasText: "Tweestapsverificatie uitgezet" })).toContainText("Bea Beheer");
    await expectAccessible(page);
  });

  await test.step("the person signs in and must set up a new app before the editor's pages open", async () => {
    await person.goto("/inloggen");
    await person.getByLabel("E-mailadres").fill(email);
    await person.getByLabel("Wachtwoord", { exact: true }).fill(password);
    await person.getByRole("button", { name: "Inloggen" }).click();
    await expect(person).toHaveURL(/\/account\/tweestapsverificatie\?/);
    await expect(person.getByText(/Je hebt een rol op Lauwer/)).toBeVisible();
    await expectAccessible(person);
    await person.goto("/beheer/boeken");
    await expect(person).toHaveURL(/\/account\/tweestapsverificatie\?redirectTo=%2Fbeheer%2Fboeken$/);
    await setUpApp(person, email);
    await expect(person).toHaveURL(/\/beheer\/boeken$/);
    await expect(person.getByRole("heading", { level: 1 })).toBeVisible();
  });
  await personContext.close();
});

// Issue #16 items 1 and 5: a person who signed in with their organisation's provider; the admin sees on
// the person's page which provider, since when and when last used, and that there is no password.
test("an admin sees which sign-in provider a person linked, since when and when last used", async ({ page, browser }) => {
  const email = `koppeling-${Date.now().toString(36)}@minbzk.nl`;
  const personContext = await browser.newContext();
  const person = await personContext.newPage();
  await person.goto("/inloggen");
  await person.getByRole("link", { name: "Verder met Test-IdP" }).click();
  await person.getByLabel("E-mailadres bij de organisatie").fill(email);
  await person.getByRole("button", { name: "Aanmelden bij Test-IdP" }).click();
  await expect(person.getByRole("status")).toContainText("Je bent ingelogd");
  await personContext.close();

  await logIn(page, "beheerder@lauwer.test", DEMO_PASSWORD);
  await page.goto("/beheer/gebruikers");
  await page.getByLabel("Zoek op naam, e-mailadres of organisatie").fill(email);
  await page.getByRole("button", { name: "Zoeken" }).click();
  await page.getByRole("row").filter({ hasText: email }).getByRole("link").click();
  const providers = page.getByRole("region", { name: "Gekoppelde inlogdiensten" }).getByRole("table");
  await expect(providers.getByRole("columnheader")).toHaveText(["Inlogdienst", "Gekoppeld op", "Laatst gebruikt"]);
  const today = new Intl.DateTimeFormat("nl-NL", { dateStyle: "long", timeZone: "Europe/Amsterdam" }).format(new Date());
  const row = providers.getByRole("row").filter({ hasText: "Test-IdP" });
  await expect(row.getByRole("cell").nth(1)).toHaveText(today);
  await expect(row.getByRole("cell").nth(2)).toContainText(today);
  await expect(page.getByText("Geen: logt alleen in via een inlogdienst")).toBeVisible();
  await expectAccessible(page);
});
