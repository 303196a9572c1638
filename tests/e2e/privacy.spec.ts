import { DEMO_PASSWORD, expect, expectAccessible, logIn, test, uniqueEmail } from "./fixtures";
import { nominate } from "./edition-steps";

// Issue #19 item 2: a person named in Lauwer asks to be erased. A platform admin goes from Mijn Lauwer
// to the privacy page, finds them under another spelling of their name, sees every place they appear,
// and erases them everywhere; searching again finds nothing.
test("an admin finds a person by a spelling of their name, sees every place, and erases them everywhere", async ({ page }) => {
  const tag = Math.random().toString(36).slice(2, 7);
  const name = `Zoë Privé-Zwaluw${tag}`;
  const email = uniqueEmail("zoe");

  // A member nominates the person (no account of their own).
  await logIn(page, "lid06@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await nominate(page, {
    awardSlug: "top-100-ambtenaar",
    year: 2026,
    category: "Decentraal — beleid",
    name,
    organisation: "Gemeente Zwolle",
    email,
    motivation: `${name} maakte het verschil: een werkwijze die inwoners sneller helpt en die collega's nu overnemen.`,
  });
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");

  // The admin: home → Mijn Lauwer → the privacy page.
  await logIn(page, "beheerder@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/");
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mijn Lauwer" }).click();
  await page.getByRole("link", { name: "Persoon opzoeken en wissen (AVG)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Persoon opzoeken en wissen (AVG)" })).toBeVisible();
  await expectAccessible(page);

  // Without a name or address: a clear error, nothing searched.
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page.getByRole("alert")).toContainText("Vul de naam of het e-mailadres van de persoon in.");
  await expect(page.getByRole("heading", { name: "Waar deze persoon voorkomt" })).toHaveCount(0);
  await expectAccessible(page);

  // Another spelling: no accents, capitals, a space for the hyphen.
  await page.getByLabel("Naam").fill(`ZOE  PRIVE ZWALUW${tag.toUpperCase()}`);
  await page.getByRole("button", { name: "Zoeken" }).click();
  const places = page.getByRole("region", { name: "Waar deze persoon voorkomt" });
  await expect(places.getByRole("heading", { name: "Genomineerd (1)" })).toBeVisible();
  await expect(places).toContainText(`Top 100 Ambtenaar van het Jaar 2026: ${name}`);
  await expect(places).toContainText(/E-mails aan of over de persoon: [1-9]/);
  await expectAccessible(page);

  // Erasing needs the grounds and the confirmation.
  await page.getByRole("button", { name: "Overal definitief wissen" }).click();
  await expect(page.locator("#error-summary")).toBeFocused();
  await expect(page.getByLabel("Grondslag van het verzoek")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await page.getByLabel("Grondslag van het verzoek").selectOption({ label: "Verzoek van de persoon zelf" });
  await page.getByLabel("Ik begrijp dat wissen niet ongedaan kan worden gemaakt").check();
  await page.getByRole("button", { name: "Overal definitief wissen" }).click();
  await expect(page.getByRole("status")).toContainText("De persoon is overal gewist.");
  await expectAccessible(page);

  // Searched again, by name or by address: nothing is left.
  for (const [label, value] of [
    ["Naam", name],
    ["E-mailadres", email],
  ] as const) {
    await page.getByLabel("Naam").fill(label === "Naam" ? value : "");
    await page.getByLabel("E-mailadres").fill(label === "E-mailadres" ? value : "");
    await page.getByRole("button", { name: "Zoeken" }).click();
    await expect(page.getByRole("region", { name: "Waar deze persoon voorkomt" })).toContainText(
      "Niets gevonden: Lauwer bewaart over deze naam en dit e-mailadres geen gegevens.",
    );
  }
  await expectAccessible(page);
});
