import { readFile } from "node:fs/promises";
import { DEMO_PASSWORD, expect, expectAccessible, logIn, openLatestMail, test, uniqueEmail } from "./fixtures";
import { nominate } from "./edition-steps";

// Issue #19 item 3: a nominated person without an account writes in to have their data erased. A
// platform admin registers the request (the deadline follows), finds the person, gives access (the
// readable overview and the JSON download), erases them, and closes the request: the answer reaches
// the person by mail and the register keeps no name or address.

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

test("an admin registers an erasure request, finds the person, exports, erases and answers by mail", async ({ page }) => {
  const tag = Math.random().toString(36).slice(2, 7);
  const name = `Merel Verzoek${tag}`;
  const email = uniqueEmail("merel");

  await logIn(page, "lid09@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await nominate(page, {
    awardSlug: "top-100-ambtenaar",
    year: 2026,
    category: "Decentraal — beleid",
    name,
    organisation: "Gemeente Deventer",
    email,
    motivation: `${name} zette een spreekuur op waar inwoners zonder afspraak met hun vragen terechtkunnen, in elke wijk.`,
  });
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");

  // The admin: home → Mijn Lauwer → the register.
  await logIn(page, "beheerder@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/");
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mijn Lauwer" }).click();
  await page.getByRole("link", { name: "Privacyverzoeken", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Privacyverzoeken" })).toBeVisible();
  await expectAccessible(page);

  // Nothing filled in: the errors are summarised and linked, nothing is registered.
  await page.getByLabel("Ontvangen op").fill("");
  await page.getByRole("button", { name: "Verzoek registreren" }).click();
  await expect(page.locator("#error-summary")).toBeFocused();
  await expect(page.locator("#error-summary")).toContainText("Kies de soort verzoek.");
  await expect(page.getByLabel("E-mailadres")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  // An access request that came in 40 days ago is overdue at once.
  await page.getByLabel("Soort verzoek").selectOption({ label: "Inzage (art. 15)" });
  await page.getByLabel("Ontvangen op").fill(day(40));
  await page.getByLabel("E-mailadres").fill(uniqueEmail("laat"));
  await page.getByRole("button", { name: "Verzoek registreren" }).click();
  await expect(page.getByRole("status")).toContainText("Het verzoek is geregistreerd.");
  await page.getByRole("link", { name: "Privacyverzoeken", exact: true }).click();
  await expect(page.getByRole("region", { name: "Openstaande verzoeken" }).first()).toContainText(/\d+ dagen te laat/);
  await expect(page.getByRole("region", { name: "Openstaande verzoeken" }).first().getByRole("alert")).toContainText(
    /\d+ verzoek(en)? (is|zijn) te laat\./,
  );

  // The erasure request, received three days ago.
  await page.getByLabel("Soort verzoek").selectOption({ label: "Verwijdering (art. 17)" });
  await page.getByLabel("Ontvangen op").fill(day(3));
  await page.getByLabel("Naam van de persoon").fill(name);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByRole("button", { name: "Verzoek registreren" }).click();
  await expect(page.getByRole("status")).toContainText("Het verzoek is geregistreerd.");
  await expect(page.getByRole("heading", { level: 1, name: "Verwijdering (art. 17)" })).toBeVisible();
  await expect(page.getByText(/nog (27|28|29|30|31) dagen/)).toBeVisible();
  // Step 1: the person found, as an erasure finds them.
  const found = page.getByRole("region", { name: "1. Wat Lauwer over deze persoon bewaart" });
  await expect(found.getByRole("heading", { name: "Genomineerd (1)" })).toBeVisible();
  await expect(found).toContainText(`Top 100 Ambtenaar van het Jaar 2026: ${name}`);
  await expectAccessible(page);

  // Step 2: the readable overview and the download.
  await page.getByRole("link", { name: "Leesbaar overzicht bekijken" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Gegevens over ${name}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Uw nominaties" })).toContainText("spreekuur op waar inwoners");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Verwijdering (art. 17)" }).click();
  await expect(page.getByText("Gegevens opgevraagd")).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Gegevens downloaden (JSON)" }).click(),
  ]);
  const json = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(json.nominees[0]).toMatchObject({ name, contactEmail: email, award: "Top 100 Ambtenaar van het Jaar" });

  // Step 3: erase, after the confirmation (the grounds are the person's own request).
  await page.getByRole("button", { name: "Overal wissen" }).click();
  await expect(page.locator("#error-summary")).toBeFocused();
  await expectAccessible(page);
  await page.getByLabel("Ik begrijp dat wissen niet ongedaan kan worden gemaakt").check();
  await page.getByRole("button", { name: "Overal wissen" }).click();
  await expect(page.getByRole("status")).toContainText("De persoon is overal gewist.");
  // Looked for again, the person is found nowhere.
  await expect(found).toContainText("Niets gevonden: Lauwer bewaart over deze naam en dit e-mailadres geen gegevens.");
  await expect(page.getByRole("region", { name: "3. Wissen" })).toContainText("De persoon is op");
  await expectAccessible(page);

  // Step 4: close; the outcome follows from what was done, the answer goes by mail.
  await expect(page.getByLabel("Uitkomst")).toHaveValue("erased");
  await page.getByRole("button", { name: "Afsluiten en antwoord versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Het verzoek is afgesloten en het antwoord is per e-mail verstuurd.");
  const closed = page.getByRole("region", { name: "Afgesloten verzoeken" }).first();
  await expect(closed.getByRole("row").filter({ hasText: "Verwijdering (art. 17)" }).first()).toContainText("Gewist");
  await expect(page.getByRole("region", { name: "Openstaande verzoeken" }).first()).not.toContainText(name);
  await expectAccessible(page);

  await openLatestMail(page, email, "Antwoord op je privacyverzoek aan Lauwer");
  await expect(page.locator(".lauwer-mail-body")).toContainText("We hebben je gegevens overal in Lauwer gewist.");
});
