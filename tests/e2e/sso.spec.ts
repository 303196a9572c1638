import { expect, expectAccessible, openLatestMail, test } from "./fixtures";

// Single sign-on with an organisation account (issue #16 item 1) against the real OpenID Connect
// provider the e2e run starts (tests/setup/oidc-idp.ts): its sign-in page asks for an address only.

/** From Lauwer's login page through the provider's sign-in page, as the given address (or refusing). */
async function signInAtProvider(page: import("@playwright/test").Page, email: string | null) {
  await page.goto("/inloggen");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Verder met Test-IdP" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Test-IdP" })).toBeVisible();
  if (email === null) {
    await page.getByRole("button", { name: "Weigeren" }).click();
    return;
  }
  await page.getByLabel("E-mailadres bij de organisatie").fill(email);
  await page.getByRole("button", { name: "Aanmelden bij Test-IdP" }).click();
}

/**
 * The header's "Uitloggen" after a session started at the provider: Lauwer's session ends and the
 * provider asks whether to sign out there too ("Uitloggen bij Test-IdP"); back on Lauwer's page.
 */
async function signOutAtProvider(
  page: import("@playwright/test").Page,
  answer: "Uitloggen bij Test-IdP" | "Ingelogd blijven" = "Uitloggen bij Test-IdP",
) {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByText("Wil je ook uitloggen bij Test-IdP?")).toBeVisible();
  await page.getByRole("button", { name: answer }).click();
  await expect(page).toHaveURL(/\/uitgelogd\/test-idp$/);
  await expect(page.getByRole("heading", { level: 1, name: "Je bent uitgelogd" })).toBeVisible();
}

test("a civil servant signs in with their organisation account; a new account is made; signing out ends the provider's session too; the next time the account is found", async ({
  page,
}) => {
  const email = `ambtenaar-${Date.now().toString(36)}@minbzk.nl`;
  await signInAtProvider(page, email);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await expect(page).toHaveURL(/\/mijn-lauwer/);
  await expectAccessible(page);
  await page.goto("/account");
  await expect(page.getByText(`${email} (Bevestigd)`)).toBeVisible();
  await expectAccessible(page);
  await signOutAtProvider(page);
  await expect(page.getByText("Je bent uitgelogd bij Lauwer en bij Test-IdP.")).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByRole("link", { name: "Inloggen", exact: true })).toBeVisible();

  // Signed out at the provider too: the next sign-in asks there again, and finds the same account.
  await signInAtProvider(page, email);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/account");
  await expect(page.getByText(`${email} (Bevestigd)`)).toBeVisible();
});

test("an existing account is linked only after the link mailed to its address is opened", async ({ page }) => {
  const email = "stemmer2@lauwer.test";
  await signInAtProvider(page, email);
  await expect(page.getByRole("heading", { level: 1, name: "Bevestig je e-mailadres" })).toBeVisible();
  await expectAccessible(page);
  // Not signed in yet: naming an address at a provider opens nobody's account.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/inloggen\?redirectTo=%2Faccount/);

  const link = await openLatestMail(page, email, "Koppel je organisatie-account aan Lauwer");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Organisatie-account koppelen" })).toBeVisible();
  await expect(page.getByText("Koppel je account bij Test-IdP aan je Lauwer-account (stemmer2@lauwer.test)")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Koppelen en inloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await expectAccessible(page);
  // Signed in through the provider (the link's session): signing out goes past the provider too.
  await signOutAtProvider(page);

  // Linked: the provider now signs the owner in directly, without another mail.
  await signInAtProvider(page, email);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/account");
  await expect(page.getByText(`${email} (Bevestigd)`)).toBeVisible();

  // The used link links nothing again.
  await signOutAtProvider(page);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Inloggen met je organisatie is niet gelukt" })).toBeVisible();
  await expectAccessible(page);
});

test("refusing at the provider ends on an error page that says what happened and how to go on", async ({ page }) => {
  await signInAtProvider(page, null);
  await expect(page.getByRole("heading", { level: 1, name: "Inloggen met je organisatie is niet gelukt" })).toBeVisible();
  await expect(page.getByText("Je hebt het inloggen bij je organisatie afgebroken")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Opnieuw inloggen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Test-IdP" })).toBeVisible();
});

test("without JavaScript too, signing out goes on to the provider and back (the page's form may be redirected there)", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  const email = `zonder-js-${Date.now().toString(36)}@minbzk.nl`;
  await page.goto("/inloggen");
  await page.getByRole("link", { name: "Verder met Test-IdP" }).click();
  await page.getByLabel("E-mailadres bij de organisatie").fill(email);
  await page.getByRole("button", { name: "Aanmelden bij Test-IdP" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await signOutAtProvider(page);
  await expect(page.getByText("Je bent uitgelogd bij Lauwer en bij Test-IdP.")).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
});

test("choosing to stay signed in at the provider: signed out of Lauwer all the same, and the page says what that means", async ({
  page,
}) => {
  const email = `blijft-${Date.now().toString(36)}@minbzk.nl`;
  await signInAtProvider(page, email);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await signOutAtProvider(page, "Ingelogd blijven");
  await expect(page.getByText("Koos je bij Test-IdP om daar ingelogd te blijven?")).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/inloggen\?redirectTo=%2Faccount/);
});

test("a civil servant sees their linked organisation account under Mijn account, cannot unlink their only way in, sets a password, then unlinks", async ({
  page,
}) => {
  const email = `koppeling-${Date.now().toString(36)}@minbzk.nl`;
  await signInAtProvider(page, email);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.getByRole("link", { name: "Mijn account" }).first().click();
  await page.getByRole("link", { name: "Gekoppelde organisatie-accounts bekijken of ontkoppelen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gekoppelde organisatie-accounts" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "Test-IdP" });
  await expect(row).toContainText(email);
  await expectAccessible(page);

  // The only way in: refused, with where to set a password.
  await row.getByRole("link", { name: "Test-IdP ontkoppelen" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Test-IdP ontkoppelen" })).toBeVisible();
  await page.getByLabel(`Typ je e-mailadres (${email}) ter bevestiging`).fill(email);
  await page.getByRole("button", { name: "Ontkoppelen" }).click();
  await expect(page.getByRole("alert")).toContainText("Je kunt Test-IdP niet ontkoppelen: het is je enige manier om in te loggen");
  await expectAccessible(page);
  await expect(page.getByRole("row").filter({ hasText: "Test-IdP" })).toBeVisible();

  // A password through the reset link, then the link can go.
  await page.getByRole("link", { name: "Wachtwoord instellen (je krijgt een link per e-mail)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Wachtwoord vergeten" })).toBeVisible();
  await page.getByLabel("E-mailadres", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Stuur link" }).click();
  await expect(page.getByRole("status")).toContainText("Als er een account bij dit e-mailadres hoort");
  const resetLink = await openLatestMail(page, email, "Stel een nieuw wachtwoord in voor Lauwer");
  await page.goto(resetLink);
  const password = "een eigen wachtwoord voor lauwer";
  await page.getByLabel("Nieuw wachtwoord").fill(password);
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page.getByRole("status")).toContainText("Je wachtwoord is gewijzigd");

  await page.goto("/account/koppelingen");
  await page.getByRole("row").filter({ hasText: "Test-IdP" }).getByRole("link", { name: "Test-IdP ontkoppelen" }).click();
  await page.getByLabel("Je wachtwoord").fill(password);
  await page.getByRole("button", { name: "Ontkoppelen" }).click();
  await expect(page.getByRole("status")).toContainText("Het organisatie-account is ontkoppeld");
  await expect(page.getByText("Er is geen organisatie-account aan je Lauwer-account gekoppeld.")).toBeVisible();
  await expectAccessible(page);
  await openLatestMail(page, email, "Test-IdP is ontkoppeld van je Lauwer-account");
});
