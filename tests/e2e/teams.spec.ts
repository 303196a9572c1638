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
