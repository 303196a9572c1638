// Passkeys as a second factor (ADR 0029) in Chromium, with a virtual authenticator of the DevTools
// protocol (a platform authenticator that verifies its user): an organizer chooses a passkey when their
// role first asks for a second factor, signs out, signs in with password and passkey, and reaches the
// organizer pages. A browser without WebAuthn is offered the codes only, and a recovery code works there.
//
// These pages run against the localhost server of playwright.config.ts (PASSKEY_ORIGIN): WebAuthn refuses
// an IP address as relying party, and the app's relying party is its APP_ORIGIN.
import type { Page } from "@playwright/test";
import { PASSKEY_ORIGIN } from "../../playwright.config";
import { DEMO_PASSWORD, expect, expectAccessible, test } from "./fixtures";

test.use({ baseURL: PASSKEY_ORIGIN });

const ORGANIZER = "organisator@lauwer.test";

/** A platform authenticator in this page's browser, as a phone's or laptop's own (fingerprint, PIN). */
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials };
}

async function password(page: Page, email: string) {
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

test("an organizer sets up a passkey, signs in with password and passkey, and reaches the organizer pages", async ({ page, browser }) => {
  const authenticator = await addVirtualAuthenticator(page);
  let recovery: string[] = [];

  await test.step("the role asks for a second factor: the organizer chooses a passkey instead of the app", async () => {
    await password(page, ORGANIZER);
    await expect(page).toHaveURL(/\/account\/tweestapsverificatie\?/);
    await expect(page.getByText(/Je hebt een rol op Lauwer/)).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Passkeys" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Authenticator-app instellen" })).toBeVisible();
    await expectAccessible(page);
    // Without a name the browser is not asked yet.
    await page.getByRole("button", { name: "Passkey toevoegen" }).click();
    await expect(page.getByLabel("Naam van de passkey")).toHaveAccessibleDescription(/Geef je passkey een naam/);
    expect(await authenticator.credentials()).toHaveLength(0);
    await expectAccessible(page);
    await page.getByLabel("Naam van de passkey").fill("Laptop werk");
    await page.getByRole("button", { name: "Passkey toevoegen" }).click();
    await expect(page.getByRole("heading", { name: "Bewaar je herstelcodes" })).toBeVisible();
    recovery = await page.locator(".lauwer-recovery-codes code").allTextContents();
    expect(recovery).toHaveLength(10);
    expect(await authenticator.credentials()).toHaveLength(1);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Ik heb de codes bewaard, verder" }).click();
    await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  });

  await test.step("the passkey is listed on the person's second factor page, with a way to remove it", async () => {
    await page.goto("/account/tweestapsverificatie");
    await expect(page.getByText("Tweestapsverificatie staat aan.", { exact: true })).toBeVisible();
    const list = page.getByRole("list", { name: "Je passkeys" });
    await expect(list).toContainText("Laptop werk");
    await expect(list).toContainText("Nog niet gebruikt om in te loggen.");
    await expect(page.getByText("Je hebt nog 10 ongebruikte herstelcodes.")).toBeVisible();
    await expectAccessible(page);
    await list.getByRole("link", { name: "Verwijderen Laptop werk" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Passkey ‘Laptop werk’ verwijderen" })).toBeVisible();
    await expect(page.getByText(/Dit is je laatste tweede stap/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Bevestigen met passkey en verwijderen" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Niet verwijderen, terug" }).click();
    await expect(page.getByRole("list", { name: "Je passkeys" })).toContainText("Laptop werk");
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");
  });

  await test.step("the password leads to the second step, where the passkey is the obvious way on", async () => {
    await password(page, ORGANIZER);
    await expect(page).toHaveURL(/\/inloggen\/tweede-stap$/);
    await expect(page.getByRole("heading", { level: 1, name: "Tweede stap: je passkey" })).toBeVisible();
    // The code form stays, for a recovery code.
    await expect(page.getByLabel("Code", { exact: true })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Doorgaan met passkey" }).click();
    await expect(page).toHaveURL(/\/mijn-lauwer/);
    await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  });

  await test.step("the organizer pages open in this session", async () => {
    await page.goto("/beheer/prijzen");
    await expect(page).toHaveURL(/\/beheer\/prijzen$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page);
    await page.goto("/account/tweestapsverificatie");
    await expect(page.getByRole("list", { name: "Je passkeys" })).toContainText("Laatst gebruikt op");
  });

  await test.step("a browser without WebAuthn sees no passkey button; a recovery code signs in there", async () => {
    const context = await browser.newContext({ baseURL: PASSKEY_ORIGIN });
    await context.addInitScript(() => {
      // As a browser that has never heard of WebAuthn.
      delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
    });
    const other = await context.newPage();
    await password(other, ORGANIZER);
    await expect(other).toHaveURL(/\/inloggen\/tweede-stap$/);
    await expect(other.getByText(/Vul anders een van je herstelcodes in/)).toBeVisible();
    await expect(other.getByRole("button", { name: "Doorgaan met passkey" })).toHaveCount(0);
    await expectAccessible(other);
    await other.getByLabel("Code", { exact: true }).fill(recovery[0]!);
    await other.getByRole("button", { name: "Doorgaan", exact: true }).click();
    await expect(other.getByRole("status")).toContainText("Je bent ingelogd");
    await other.goto("/beheer/prijzen");
    await expect(other).toHaveURL(/\/beheer\/prijzen$/);
    await context.close();
  });
});
