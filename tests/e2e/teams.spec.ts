import { DEMO_PASSWORD, expect, expectAccessible, logIn, openLatestMail, setUpApp, test, uniqueEmail } from "./fixtures";

// Issue #16, item 4: an organizer builds their own team. They invite a co-organizer by e-mail before
// that person has an account; the person signs up through the mailed link, confirms the address and
// lands with the role — no platform admin involved.
test("an organizer invites a co-organizer who has no account yet; they sign up via the mail and land with the role", async ({ page }) => {
  const email = uniqueEmail("mede-organisator");
  const password = "een lang wachtwoord voor het team";

  await logIn(page, "organisator@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/beheer/prijzen/jonge-ambtenaar/2026");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Team en jury" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Team van Jonge Ambtenaar van het Jaar" })).toBeVisible();
  await expectAccessible(page);

  // A wrong address is refused on its field; then the invitation goes out.
  await page.getByLabel("E-mailadres").fill("geen-adres");
  await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(page.getByLabel("E-mailadres")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Uitnodiging verstuurd.");
  await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: `Uitnodiging voor ${email} intrekken` })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  // Signed out before the next navigation, which would otherwise cancel the logout.
  await expect(page.getByRole("status").filter({ hasText: "Je bent uitgelogd" })).toBeVisible();

  // The invited person opens the mail, reads the invitation and creates an account with that address.
  const link = await openLatestMail(page, email, "Uitnodiging: mede-organisator van Jonge Ambtenaar van het Jaar");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Uitnodiging voor een rol" })).toBeVisible();
  await expect(page.getByText(`nodigt ${email} uit als mede-organisator van Jonge Ambtenaar van het Jaar`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Account aanmaken" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Registreren" })).toBeVisible();
  await page.getByLabel("Naam").fill("Mees Mede");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page.getByRole("status")).toContainText("Kijk in je mailbox");

  // Signed in but not yet confirmed: no organizer pages.
  await logIn(page, email, password);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  const denied = await page.goto("/beheer/prijzen/jonge-ambtenaar/team");
  expect(denied?.status()).toBe(403);

  // Confirming the address makes the invitation the role.
  const verifyLink = await openLatestMail(page, email, "Bevestig je e-mailadres voor Lauwer");
  await page.goto(verifyLink);
  await page.getByRole("button", { name: "E-mailadres bevestigen" }).click();
  await expect(page.getByRole("status")).toContainText("Je e-mailadres is bevestigd");
  await page.goto("/beheer/prijzen/jonge-ambtenaar/2026");
  // The new role needs a second factor (ADR 0024): the organizer's pages wait until the app is set up.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Tweestapsverificatie");
  await setUpApp(page, email);
  await page.goto("/beheer/prijzen/jonge-ambtenaar/2026");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Jonge Ambtenaar van het Jaar");
  await page.getByRole("link", { name: "Team en jury" }).click();
  await expect(page.getByRole("row", { name: /Mees Mede \(jij\)/ })).toBeVisible();
  await expect(page.getByText("Er staan geen uitnodigingen open.")).toBeVisible();
  await expectAccessible(page);

  // The mailed link now says the invitation is theirs; to anyone else it is no longer valid.
  await page.goto(link);
  await expect(
    page.getByText("Deze uitnodiging heb je al aanvaard: je bent mede-organisator van Jonge Ambtenaar van het Jaar."),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Account aanmaken" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  // Signed out for sure before the link is opened again (a navigation right away would cancel the logout).
  await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");
  await page.goto(link);
  await expect(page.getByRole("alert")).toContainText("Deze uitnodiging is niet (meer) geldig");
  await expectAccessible(page);
});

// Issue #16, items 3 and 4 for a juror: invited by address before they have an account, on the jury
// as soon as the address is confirmed (ADR 0031); they score, delete their account, and their sheet
// still counts on the organizer's page under "een verwijderd jurylid". The round is the demo's open
// Interviews round of Overheidsmanager (jury.spec.ts scores there too): this juror scores only the
// third candidate, with the same sheet as jury.spec.ts's juror, so that test's figures per candidate
// hold whichever runs first.
test("a juror invited before sign-up is on the jury once confirmed, scores, deletes their account, and the sheet still counts", async ({
  page,
}) => {
  const year = new Date().getFullYear();
  const manager = `Overheidsmanager van het Jaar ${year}`;
  const email = uniqueEmail("jurylid-vertrekt");
  const password = "een lang wachtwoord voor de jury";
  const criteria = ["Impact", "Vakmanschap", "Samenwerking"] as const;
  const sheet = [8, 7, 9] as const;

  // The organizer invites from the award's team page (through the edition's jury form).
  await logIn(page, "organisator@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/beheer/prijzen/overheidsmanager/team");
  await expect(page.getByRole("heading", { level: 1, name: "Team van Overheidsmanager van het Jaar" })).toBeVisible();
  await page.getByRole("link", { name: `Juryleden uitnodigen voor ${year}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Jury: ${manager}` })).toBeVisible();
  await page.getByLabel("E-mailadressen").fill(email);
  await page.getByRole("button", { name: "Uitnodigen" }).click();
  await expect(page.getByRole("status")).toContainText("De uitnodigingen zijn verstuurd.");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");

  // A new account with the invited address; confirming the address is all it takes.
  await page.goto("/registreren");
  await page.getByLabel("Naam").fill("Vera Vertrek");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page.getByRole("status")).toContainText("Kijk in je mailbox");
  await page.goto(await openLatestMail(page, email, "Bevestig je e-mailadres voor Lauwer"));
  await page.getByRole("button", { name: "E-mailadres bevestigen" }).click();
  await expect(page.getByRole("status")).toContainText("Je e-mailadres is bevestigd");
  await logIn(page, email, password);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto(await openLatestMail(page, email, `Uitnodiging voor de jury van ${manager}`));
  await expect(page.getByText(`Je zit in de jury van ${manager}: deze uitnodiging is van jou.`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Naar je jurywerk" }).click();
  await page.getByRole("link", { name: `${manager}: Interviews` }).click();
  await expect(page.getByText("0 van 8 beoordeeld")).toBeVisible();

  // One sheet: the third candidate.
  const candidate = (await page.getByRole("table").getByRole("link").nth(2).textContent())!.trim();
  await page.getByRole("link", { name: candidate, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: candidate })).toBeVisible();
  for (const [i, name] of criteria.entries())
    await page
      .getByRole("radiogroup", { name })
      .getByRole("radio", { name: new RegExp(`^${sheet[i]}( |$)`) })
      .check();
  await page.getByRole("button", { name: "Opslaan en volgende" }).click();
  await expect(page.getByRole("status")).toContainText("Je beoordeling is opgeslagen.");
  await expect(page.getByText("1 van 8 beoordeeld")).toBeVisible();

  // Deleting the account says what happens to the scores, and finishes.
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Mijn account" }).click();
  await page.getByRole("navigation", { name: "Wat wil je doen?" }).getByRole("link", { name: "Mijn account verwijderen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mijn account verwijderen" })).toBeVisible();
  await expect(page.getByText("Je 3 jurybeoordelingen blijven meetellen in de uitslag, maar staan niet meer op je naam")).toBeVisible();
  await expectAccessible(page);
  const form = page.getByRole("form", { name: "Bevestigen" });
  await form.getByLabel("Je wachtwoord").fill(password);
  await form.getByRole("button", { name: "Mijn account definitief verwijderen" }).click();
  await expect(page.getByRole("status")).toContainText("Je account is verwijderd");

  // The organizer still counts the sheet, under a deleted juror.
  await logIn(page, "organisator@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto(`/beheer/prijzen/overheidsmanager/${year}/jury/2`);
  const progress = page.getByRole("region", { name: "Voortgang" });
  await expect(progress.getByRole("row").filter({ hasText: "een verwijderd jurylid" })).toContainText("1 van 8 beoordeeld");
  const ranking = page.getByRole("region", { name: "Tussenstand van de jury" }).getByRole("row").filter({ hasText: candidate });
  // Impact ×2 on 1–10: ((7/9)·2 + 6/9 + 8/9) / 4 = 77,8.
  await expect(ranking.getByRole("cell").nth(2)).toHaveText("77,8");
  await expectAccessible(page);
  await page.goto("/beheer/prijzen/overheidsmanager/team");
  await expect(page.getByRole("region", { name: `Editie ${year}` }).getByText("een verwijderd jurylid")).toBeVisible();
  await expect(page.getByText(email)).toHaveCount(0);
  await expectAccessible(page);
});
