// The second factor (ADR 0024) in Chromium: a member sets up an authenticator app and signs in with its
// codes (computed here from the secret the page shows, as the app would), then with a recovery code
// once; a person given a privileged role cannot open its pages until the second factor is set up.
import { DEMO_PASSWORD, expect, expectAccessible, logIn, test, totpCode } from "./fixtures";
import type { Page } from "@playwright/test";

const stepNow = () => Math.floor(Date.now() / 30_000);

async function password(page: Page, email: string) {
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

async function logOut(page: Page) {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");
}

test("a member sets up an authenticator app, signs in with its code, and once with a recovery code", async ({ page }) => {
  const email = "lid31@lauwer.test";
  let secret = "";
  let recovery: string[] = [];
  let step = 0;
  await test.step("sets up the app from the account page", async () => {
    await logIn(page, email, DEMO_PASSWORD);
    await page.goto("/account/tweestapsverificatie");
    await expect(page.getByRole("heading", { level: 1, name: "Tweestapsverificatie" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Authenticator-app instellen" }).click();
    await expect(page.getByRole("img", { name: /QR-code/ })).toBeVisible();
    await expectAccessible(page);
    secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    // A wrong code is refused with a message at the field; nothing is turned on.
    step = stepNow();
    await page.getByLabel("Code uit je app").fill(totpCode(secret, step + 10));
    await page.getByRole("button", { name: "Tweestapsverificatie aanzetten" }).click();
    await expect(page.getByLabel("Code uit je app")).toHaveAccessibleDescription(/Deze code klopt niet/);
    await expectAccessible(page);

    await page.getByLabel("Code uit je app").fill(totpCode(secret, step));
    await page.getByRole("button", { name: "Tweestapsverificatie aanzetten" }).click();
    await expect(page.getByRole("heading", { name: "Bewaar je herstelcodes" })).toBeVisible();
    recovery = await page.locator(".lauwer-recovery-codes code").allTextContents();
    expect(recovery).toHaveLength(10);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Ik heb de codes bewaard, verder" }).click();
    await expect(page.getByText("Je hebt nog 10 ongebruikte herstelcodes.")).toBeVisible();
    await expect(page.getByText("Tweestapsverificatie staat aan.", { exact: true })).toBeVisible();
    await expectAccessible(page);
    await logOut(page);
  });

  await test.step("the password alone leads to the code step; the app's code signs in", async () => {
    await password(page, email);
    await expect(page).toHaveURL(/\/inloggen\/tweede-stap$/);
    await expect(page.getByRole("heading", { level: 1, name: "Tweede stap: je code" })).toBeVisible();
    await expectAccessible(page);
    // The code of the step enrolment used is taken: refused as used.
    await page.getByLabel("Code", { exact: true }).fill(totpCode(secret, step));
    await page.getByRole("button", { name: "Doorgaan" }).click();
    await expect(page.getByLabel("Code", { exact: true })).toHaveAccessibleDescription(/al gebruikt/);
    await expectAccessible(page);
    await page.getByLabel("Code", { exact: true }).fill(totpCode(secret, step + 1));
    await page.getByRole("button", { name: "Doorgaan" }).click();
    await expect(page).toHaveURL(/\/mijn-lauwer/);
    await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
    await logOut(page);
  });

  await test.step("a recovery code signs in once", async () => {
    await password(page, email);
    await page.getByLabel("Code", { exact: true }).fill(recovery[0]!);
    await page.getByRole("button", { name: "Doorgaan" }).click();
    await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
    await page.goto("/account/tweestapsverificatie");
    await expect(page.getByText("Je hebt nog 9 ongebruikte herstelcodes.")).toBeVisible();
    await logOut(page);

    await password(page, email);
    await page.getByLabel("Code", { exact: true }).fill(recovery[0]!);
    await page.getByRole("button", { name: "Doorgaan" }).click();
    await expect(page.getByLabel("Code", { exact: true })).toHaveAccessibleDescription(/Deze code klopt niet/);
    await expect(page).toHaveURL(/\/inloggen\/tweede-stap$/);
  });
});

test("a person given the admin role cannot open its pages before setting up the second factor", async ({ page, browser }) => {
  const email = "lid32@lauwer.test";
  await test.step("an admin grants the role", async () => {
    const admin = await browser.newPage();
    await logIn(admin, "beheerder@lauwer.test", DEMO_PASSWORD);
    await admin.goto("/beheer/rollen");
    await admin.getByLabel("E-mailadres").fill(email);
    await admin.getByLabel("Rol", { exact: true }).selectOption("admin");
    await admin.getByLabel("Voor").selectOption({ label: "Het hele platform" });
    await admin.getByRole("button", { name: "Rol toekennen" }).click();
    await expect(admin.getByRole("status")).toContainText("Rol toegekend");
    await admin.close();
  });

  await test.step("after the password: sent to set it up, with the reason; the admin's page is refused", async () => {
    await password(page, email);
    await expect(page).toHaveURL(/\/account\/tweestapsverificatie\?/);
    await expect(page.getByText(/Je hebt een rol op Lauwer/)).toBeVisible();
    await expectAccessible(page);
    // Member pages open; the admin's page sends back here.
    await page.goto("/mijn-lauwer");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.goto("/beheer/rollen");
    await expect(page).toHaveURL(/\/account\/tweestapsverificatie\?redirectTo=%2Fbeheer%2Frollen$/);
    await expect(page.getByText(/Je hebt een rol op Lauwer/)).toBeVisible();
  });

  await test.step("set up, the same session opens the admin's page", async () => {
    await page.getByRole("button", { name: "Authenticator-app instellen" }).click();
    const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
    await page.getByLabel("Code uit je app").fill(totpCode(secret, stepNow()));
    await page.getByRole("button", { name: "Tweestapsverificatie aanzetten" }).click();
    await page.getByRole("link", { name: "Ik heb de codes bewaard, verder" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Beheer: rollen" })).toBeVisible();
  });
});
