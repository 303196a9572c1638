import sharp from "sharp";
import { DEMO_PASSWORD, expect, expectAccessible, logIn, openLatestMail, test, uniqueEmail } from "./fixtures";

// Candidate photos (ADR 0017): the nominee sends a photo with their consent, a wrong file is refused
// with a clear message, the organizer sees and manages it, and the public candidate page shows it
// with its alt text. The photo is made here, with a GPS position in its EXIF.
const TOP100 = "/prijzen/top-100-ambtenaar";

async function photoWithGps() {
  return sharp({ create: { width: 640, height: 800, channels: 3, background: { r: 30, g: 110, b: 170 } } })
    .jpeg()
    .withExif({ IFD0: { Make: "LekCam" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "52/1 5/1 0/1" } })
    .toBuffer();
}

test("a nominee sends a photo with their consent; the organizer manages it; the candidate page shows it with alt text", async ({
  page,
}) => {
  const nomineeEmail = uniqueEmail("fotokandidaat");
  // "Aa…" sorts first in the moderation queue (by name), so it is on its first page.
  const nomineeName = `Aafke Fotokandidaat ${Date.now().toString(36)}`;
  await logIn(page, "lid03@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto(`${TOP100}/2026/nomineren`);
  await page.getByLabel("Categorie").selectOption({ label: "Decentraal — uitvoering" });
  await page.getByLabel("Naam van de genomineerde").fill(nomineeName);
  await page.getByLabel("Organisatie van de genomineerde").fill("Gemeente Zwolle");
  await page.getByLabel("E-mailadres van de genomineerde").fill(nomineeEmail);
  await page
    .getByLabel("Motivatie")
    .fill("Aafke maakte de aanvraag van een gehandicaptenparkeerkaart eenvoudig: één formulier, binnen een week een antwoord.");
  await page.getByLabel("Jouw relatie tot de genomineerde").fill("collega");
  await page.getByRole("button", { name: "Nominatie versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Je nominatie is ontvangen");
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");

  // The consent page: a text file named foto.jpg is refused on its field; nothing is stored.
  const consentLink = await openLatestMail(page, nomineeEmail, "Je bent genomineerd voor Top 100 Ambtenaar van het Jaar");
  await page.goto(consentLink);
  await expect(page.getByRole("group", { name: "Foto bij je kandidatuur (niet verplicht)" })).toBeVisible();
  await expect(page.getByLabel("Beschrijving van de afbeelding (alt-tekst)")).toHaveValue(`Foto van ${nomineeName}`);
  await expectAccessible(page);
  await page.getByLabel("Ik geef toestemming om een foto van mij bij mijn kandidatuur te tonen").check();
  await page
    .getByLabel(/^Bestand/)
    .setInputFiles({ name: "foto.jpg", mimeType: "image/jpeg", buffer: Buffer.from("dit is tekst, geen foto") });
  await page.getByRole("button", { name: "Ik geef toestemming" }).click();
  await expect(page.getByText("Dit bestand is geen JPEG-, PNG- of WebP-afbeelding")).toBeVisible();
  await expect(page.getByText("Er is nog niets opgeslagen")).toBeVisible();
  await expect(page.getByLabel("Ik geef toestemming om een foto van mij bij mijn kandidatuur te tonen")).toBeChecked();
  await expectAccessible(page);

  // Now a real photo, with a GPS position in it.
  await page.getByLabel(/^Bestand/).setInputFiles({ name: "vakantie.jpg", mimeType: "image/jpeg", buffer: await photoWithGps() });
  await page.getByRole("button", { name: "Ik geef toestemming" }).click();
  await expect(page.getByRole("status")).toContainText("Dank je wel voor je toestemming");

  // The organizer sees the photo on the moderation page and approves the nominee.
  await logIn(page, "organisator@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/beheer/prijzen/top-100-ambtenaar/2026/moderatie?status=pending&toestemming=accepted");
  await page.getByRole("button", { name: `${nomineeName} goedkeuren` }).click();
  await expect(page.getByRole("status").first()).toContainText("Goedgekeurd");
  await page.goto("/beheer/prijzen/top-100-ambtenaar/2026/moderatie?status=approved&toestemming=accepted");
  await page.getByRole("link", { name: `Bekijk ${nomineeName}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: nomineeName })).toBeVisible();
  const managed = page.getByRole("region", { name: "Foto" });
  await expect(managed.getByRole("img", { name: `Foto van ${nomineeName}` })).toBeVisible();
  await expectAccessible(page);
  // A better description.
  await managed.getByLabel("Beschrijving van de afbeelding (alt-tekst)").fill(`${nomineeName} lacht in de camera`);
  await managed.getByRole("button", { name: "Afbeelding vervangen of beschrijving opslaan" }).click();
  await expect(page.getByRole("status").first()).toContainText("De afbeelding is opgeslagen");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  // The moderation page also has a status line (the merge search's count): wait for the logout's own notice.
  await expect(page.getByRole("status").filter({ hasText: "Je bent uitgelogd" })).toBeVisible();

  // The public list shows the thumbnail, the candidate page the photo with its alt text.
  await page.goto(`${TOP100}/2026/kandidaten?q=${encodeURIComponent(nomineeName)}`);
  await expect(page.getByRole("img", { name: `${nomineeName} lacht in de camera` })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: nomineeName }).click();
  // The list's thumbnail has the same alt text: wait until the candidate page is there.
  await expect(page.getByRole("heading", { level: 1, name: nomineeName })).toBeVisible();
  const photo = page.getByRole("img", { name: `${nomineeName} lacht in de camera` });
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
  await expectAccessible(page);

  // The image served is a WebP without the EXIF of the upload.
  const response = await page.request.get((await photo.getAttribute("src"))!);
  expect(response.headers()["content-type"]).toBe("image/webp");
  const meta = await sharp(await response.body()).metadata();
  expect(meta.exif).toBeUndefined();

  // A candidate without a photo keeps decorative initials; the name is the heading beside them.
  await page.goto(`${TOP100}/2026/kandidaten`);
  await expect(page.locator(".lauwer-avatar--initials").first()).toHaveAttribute("aria-hidden", "true");
  await expectAccessible(page);
});
