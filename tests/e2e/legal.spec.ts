import { DEMO_PASSWORD, expect, expectAccessible, logIn, test } from "./fixtures";

// expectAccessible checks WCAG 2.1 A/AA and WCAG 2.2 AA, which holds the target-size rule.
const TOP100 = `/prijzen/top-100-ambtenaar/${new Date().getFullYear()}`;

test("an admin sets the organisation and DPO; the privacy and accessibility statements show them in Dutch and English", async ({
  page,
  browser,
  baseURL,
}) => {
  await logIn(page, "beheerder@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/beheer/instellingen");
  await expect(page.getByRole("heading", { level: 1, name: "Beheer: organisatie en verklaringen" })).toBeVisible();
  // The demo seed's organisation is there to start from.
  await expect(page.getByLabel("Naam van de organisatie")).toHaveValue("Stichting Lauwer (demo)");
  await expectAccessible(page);

  // A bad date is refused on its field and nothing is saved.
  await page.getByLabel("Naam van de organisatie").fill("Gemeente Nergens");
  await page.getByLabel("Datum van de verklaringen").fill("2026-02-30");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("Vul een bestaande datum in als jjjj-mm-dd")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Naam van de organisatie").fill("Gemeente Voorbeeldstad");
  await page.getByLabel("Verwerkingsverantwoordelijke").fill("Het college van B&W van Voorbeeldstad");
  await page.getByLabel("E-mailadres voor vragen en verzoeken").fill("privacy@voorbeeldstad.nl");
  await page.getByLabel("Naam van de functionaris gegevensbescherming (FG)").fill("Frits Functionaris");
  await page.getByLabel("E-mailadres van de FG").fill("fg@voorbeeldstad.nl");
  await page.getByLabel("Datum van de verklaringen").fill("2026-11-30");
  await page.getByLabel("Datum van de laatste toetsing op toegankelijkheid").fill("2026-11-28");
  await page.getByLabel("Status ten opzichte van WCAG 2.1 niveau AA").selectOption({ label: "Eerste maatregelen genomen" });
  await page
    .getByLabel("Bekende beperkingen, met plan en datum (Nederlands) (niet verplicht)")
    .fill("De grafieken hebben geen tekstalternatief; opgelost vóór 1 maart 2027.");
  await page
    .getByLabel("Bekende beperkingen, met plan en datum (Engels) (niet verplicht)")
    .fill("The charts have no text alternative; fixed before 1 March 2027.");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status")).toContainText("De gegevens van de verklaringen zijn opgeslagen.");
  await expect(page.getByLabel("Naam van de organisatie")).toHaveValue("Gemeente Voorbeeldstad");
  await expectAccessible(page);

  // A visitor reads the statements.
  const visitorContext = await browser.newContext({ baseURL });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${baseURL}/privacy`);
  await expect(visitor.getByRole("heading", { level: 1, name: "Privacyverklaring" })).toBeVisible();
  await expect(visitor.getByText("Het college van B&W van Voorbeeldstad is de verwerkingsverantwoordelijke")).toBeVisible();
  await expect(visitor.getByRole("link", { name: "privacy@voorbeeldstad.nl" }).first()).toHaveAttribute(
    "href",
    "mailto:privacy@voorbeeldstad.nl",
  );
  await expect(visitor.getByText(/Frits Functionaris/)).toBeVisible();
  await expect(visitor.getByRole("link", { name: "fg@voorbeeldstad.nl" })).toBeVisible();
  await expect(visitor.getByText("Deze verklaring is vastgesteld op 30 november 2026.")).toBeVisible();
  await expect(visitor.getByText(/alleen een hash ervan \(argon2id\)/)).toBeVisible();
  // The processing section comes from the record of processing (ADR 0044): each activity a heading and its facts.
  const signIn = visitor.getByRole("region", { name: "Inlogbeveiliging" });
  await expect(signIn.getByRole("heading", { level: 3, name: "Inlogbeveiliging" })).toBeVisible();
  await expect(signIn.getByText("Adressen waarvandaan een account met succes inlogde: gewist 90 dagen na de laatste keer.")).toBeVisible();
  await expect(visitor.getByText(/Back-ups van de database bewaren we ten hoogste 35 dagen/)).toBeVisible();
  await expect(visitor.getByRole("link", { name: "autoriteitpersoonsgegevens.nl" })).toBeVisible();
  await expectAccessible(visitor);

  await visitor.goto(`${baseURL}/toegankelijkheid`);
  await expect(visitor.getByRole("heading", { level: 1, name: "Toegankelijkheidsverklaring" })).toBeVisible();
  await expect(visitor.getByText("Eerste maatregelen genomen.")).toBeVisible();
  await expect(visitor.getByText("De laatste toetsing was op 28 november 2026.")).toBeVisible();
  await expect(visitor.getByText("De grafieken hebben geen tekstalternatief; opgelost vóór 1 maart 2027.")).toBeVisible();
  await expect(visitor.getByRole("link", { name: "nationaleombudsman.nl" })).toBeVisible();
  await expectAccessible(visitor);

  await visitor.getByRole("button", { name: "Switch to English" }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: "Accessibility statement" })).toBeVisible();
  await expect(visitor.getByText("First measures taken.")).toBeVisible();
  await expect(visitor.getByText("The last check was on 28 November 2026.")).toBeVisible();
  await expect(visitor.getByText("The charts have no text alternative; fixed before 1 March 2027.")).toBeVisible();
  await expectAccessible(visitor);

  await visitor.goto(`${baseURL}/privacy`);
  await expect(visitor.getByRole("heading", { level: 1, name: "Privacy statement" })).toBeVisible();
  await expect(visitor.getByText("Het college van B&W van Voorbeeldstad is the controller")).toBeVisible();
  await expect(visitor.getByText(/Frits Functionaris/)).toBeVisible();
  await expect(visitor.getByText("This statement was adopted on 30 November 2026.")).toBeVisible();
  await expectAccessible(visitor);

  // A visitor may not open the settings.
  const refused = await visitor.goto(`${baseURL}/beheer/instellingen`);
  await expect(visitor).toHaveURL(/\/inloggen/);
  expect(refused?.ok()).toBe(true);
  await visitorContext.close();
});

test("a candidate page carries a share card with absolute URLs, and robots.txt keeps the work areas out", async ({
  page,
  request,
  baseURL,
}) => {
  await page.goto(`${TOP100}/kandidaten`);
  await expectAccessible(page);
  const first = page.locator(".lauwer-card-list a").first();
  const name = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expectAccessible(page);

  const meta = (selector: string) => page.locator(selector).getAttribute("content");
  expect(await meta('meta[property="og:title"]')).toContain(name);
  expect(await meta('meta[property="og:url"]')).toBe(page.url());
  const image = (await meta('meta[property="og:image"]'))!;
  expect(image).toBe(`${baseURL}/og-image.png`);
  expect(await meta('meta[name="twitter:card"]')).toBe("summary_large_image");
  expect(await meta('meta[name="twitter:image"]')).toBe(image);
  expect((await meta('meta[property="og:description"]'))!.length).toBeGreaterThan(10);
  const png = await request.get(image);
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");

  // On paper: no header, navigation or footer; each prize of the results starts a new page.
  await page.goto(`/prijzen/jonge-ambtenaar/${new Date().getFullYear() - 1}/uitslag`);
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", page.url());
  await expectAccessible(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".lauwer-header")).toBeHidden();
  await expect(page.locator(".lauwer-footer")).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const prizes = page.locator('main section[aria-labelledby^="prize-"]');
  expect(await prizes.count()).toBeGreaterThan(1);
  expect(await prizes.first().evaluate((e) => getComputedStyle(e).breakBefore)).toBe("page");
  await page.emulateMedia({ media: "screen" });
  await expect(page.locator(".lauwer-header")).toBeVisible();

  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  const body = await robots.text();
  for (const path of ["/beheer", "/jury", "/dev", "/account", "/mijn-"]) expect(body).toContain(`Disallow: ${path}\n`);
  expect(body).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
});
