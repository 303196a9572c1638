import { expect, expectAccessible, logIn, openLatestMail, test, uniqueEmail } from "./fixtures";

test("sign up, verify by mail, log out, log in and reset the password", async ({ page }) => {
  const email = uniqueEmail("e2e");
  const password = "mijn eerste lange wachtwoord";

  await page.goto("/");
  await expectAccessible(page);
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Registreren" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Registreren" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Naam").fill("Noor Jansen");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel(/Organisatie/).fill("Gemeente Amersfoort");
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Account aanmaken" }).click();

  // Sign-up answers "check your mail" and signs nobody in (issue #15: a taken address gets the same answer).
  await expect(page.getByRole("status")).toContainText("Kijk in je mailbox");
  await expect(page.getByRole("heading", { level: 1, name: "Inloggen" })).toBeVisible();
  await expectAccessible(page);
  await logIn(page, email, password);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/account");
  await expect(page.getByText("Nog niet bevestigd")).toBeVisible();
  await expectAccessible(page);

  const verifyLink = await openLatestMail(page, email, "Bevestig je e-mailadres voor Lauwer");
  await page.goto(verifyLink);
  await expectAccessible(page);
  await page.getByRole("button", { name: "E-mailadres bevestigen" }).click();
  await expect(page.getByRole("status")).toContainText("Je e-mailadres is bevestigd");
  await page.goto("/account");
  await expect(page.getByText(`${email} (Bevestigd)`)).toBeVisible();

  // Change the password while signed in: the current one, the new one twice.
  const changed = "mijn tweede lange wachtwoord";
  const form = page.getByRole("form", { name: "Wachtwoord wijzigen" });
  await form.getByLabel("Huidig wachtwoord").fill("niet mijn wachtwoord");
  await form.getByLabel("Nieuw wachtwoord").fill(changed);
  await form.getByLabel("Herhaal het nieuwe wachtwoord").fill(changed);
  await form.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
  await expect(form.getByLabel("Huidig wachtwoord")).toHaveAccessibleDescription(/niet je huidige wachtwoord/);
  await expect(form.getByLabel("Nieuw wachtwoord")).toHaveValue("");
  await expectAccessible(page);
  await form.getByLabel("Huidig wachtwoord").fill(password);
  await form.getByLabel("Nieuw wachtwoord").fill(changed);
  await form.getByLabel("Herhaal het nieuwe wachtwoord").fill(`${changed}!`);
  await form.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
  await expect(form.getByLabel("Herhaal het nieuwe wachtwoord")).toHaveAccessibleDescription(/niet gelijk/);
  await form.getByLabel("Herhaal het nieuwe wachtwoord").fill(changed);
  await form.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
  await expect(page.getByRole("status")).toContainText("Je wachtwoord is gewijzigd");
  // The passwords just typed do not stay in the fields of the page that says it worked.
  for (const label of ["Huidig wachtwoord", "Nieuw wachtwoord", "Herhaal het nieuwe wachtwoord"]) {
    await expect(form.getByLabel(label, { exact: true })).toHaveValue("");
  }
  await expect(page.getByRole("heading", { level: 1, name: "Mijn account" })).toBeVisible();
  await expectAccessible(page);
  await openLatestMail(page, email, "Je wachtwoord voor Lauwer is gewijzigd");

  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");
  await expect(page.getByRole("link", { name: "Inloggen" })).toBeVisible();

  await logIn(page, email, changed);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");

  // Password reset
  await page.goto("/inloggen");
  await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
  await expectAccessible(page);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByRole("button", { name: "Stuur link" }).click();
  await expect(page.getByRole("status")).toContainText("Als er een account bij dit e-mailadres hoort");
  const resetLink = await openLatestMail(page, email, "Stel een nieuw wachtwoord in voor Lauwer");
  await page.goto(resetLink);
  await expectAccessible(page);
  const newPassword = "een nieuw en lang wachtwoord";
  await page.getByLabel("Nieuw wachtwoord").fill(newPassword);
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page.getByRole("status")).toContainText("Je wachtwoord is gewijzigd");
  await openLatestMail(page, email, "Je wachtwoord voor Lauwer is gewijzigd");

  // The link works once.
  await page.goto(resetLink);
  await expect(page.getByRole("alert")).toContainText("ongeldig, verlopen of al gebruikt");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");
  await logIn(page, email, changed);
  await expect(page.getByRole("alert")).toContainText("horen niet bij elkaar");
  await logIn(page, email, newPassword);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
});

test("a wrong password gets a clear message and keeps the email; repeated failures are throttled", async ({ page }) => {
  const email = "stemmer2@lauwer.test";
  await logIn(page, email, "helemaal niet goed");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Dit e-mailadres en wachtwoord horen niet bij elkaar");
  await expect(page.locator("#form-error")).toBeFocused(); // the message is focused so it is read first
  await expect(page.getByLabel("E-mailadres")).toHaveValue(email);
  await expect(page.getByLabel("Wachtwoord", { exact: true })).toHaveValue("");
  await expectAccessible(page);

  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Wachtwoord", { exact: true }).fill(`nog steeds fout ${i}`);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/inloggen")),
      page.getByRole("button", { name: "Inloggen" }).click(),
    ]);
    await expect(page.getByRole("alert")).toBeVisible();
  }
  await expect(page.getByRole("alert")).toContainText("Te veel mislukte pogingen");
  await expectAccessible(page);
});

test("the sign-up form shows inline errors, focuses the first one and links them to the fields", async ({ page }) => {
  await page.goto("/registreren");
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  const name = page.getByLabel("Naam");
  // The error summary takes the focus; its first link leads to the first field, whose message names it.
  await expect(page.locator("#error-summary")).toBeFocused();
  await page.locator("#error-summary").getByRole("link").first().click();
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription(/Vul het veld ‘Naam’ in/);
  await page.getByLabel("E-mailadres").fill("geen-email");
  await page.getByLabel("Wachtwoord").fill("kort");
  await expect(page.getByLabel("Wachtwoord")).toHaveAccessibleDescription(/Gebruik minimaal 12 tekens/);
  await expectAccessible(page);

  // A server-side rule (breached password) comes back on the same field, values kept.
  await name.fill("Piet Pieters");
  await page.getByLabel("E-mailadres").fill(uniqueEmail("breached"));
  await page.getByLabel("Wachtwoord").fill("passwordpassword");
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page.getByLabel("Wachtwoord")).toHaveAccessibleDescription(/uitgelekte wachtwoorden/);
  // The server's refusal: the summary has the focus and its link leads to the field.
  await expect(page.locator("#error-summary")).toBeFocused();
  await page
    .locator("#error-summary")
    .getByRole("link", { name: /uitgelekte wachtwoorden/ })
    .click();
  await expect(page.getByLabel("Wachtwoord")).toBeFocused();
  await expect(name).toHaveValue("Piet Pieters");
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("forms still work and errors come back from the server", async ({ page }) => {
    await page.goto("/registreren");
    await page.getByLabel("Naam").fill("Zonder Script");
    await page.getByLabel("E-mailadres").fill(uniqueEmail("nojs"));
    await page.getByLabel("Wachtwoord").fill("123456789012");
    await page.getByRole("button", { name: "Account aanmaken" }).click();
    await expect(page.getByLabel("Wachtwoord")).toHaveAccessibleDescription(/uitgelekte wachtwoorden/);
    await expect(page.getByLabel("Naam")).toHaveValue("Zonder Script");
    await page.getByLabel("Wachtwoord").fill("een goed wachtwoord zonder script");
    await page.getByRole("button", { name: "Account aanmaken" }).click();
    await expect(page.getByRole("status")).toContainText("Kijk in je mailbox");
  });
});
