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

test("a civil servant signs in with their organisation account; a new account is made, and the next time found", async ({ page }) => {
  const email = `ambtenaar-${Date.now().toString(36)}@minbzk.nl`;
  await signInAtProvider(page, email);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await expect(page).toHaveURL(/\/mijn-lauwer/);
  await expectAccessible(page);
  await page.goto("/account");
  await expect(page.getByText(`${email} (Bevestigd)`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("uitgelogd");

  // Still signed in at the provider (single sign-on): it sends the browser straight back.
  await page.goto("/inloggen");
  await page.getByRole("link", { name: "Verder met Test-IdP" }).click();
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
  await page.getByRole("button", { name: "Uitloggen" }).click();

  // Linked: the provider (where this browser is still signed in) now signs the owner in directly.
  await page.goto("/inloggen");
  await page.getByRole("link", { name: "Verder met Test-IdP" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/account");
  await expect(page.getByText(`${email} (Bevestigd)`)).toBeVisible();

  // The used link links nothing again.
  await page.getByRole("button", { name: "Uitloggen" }).click();
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
