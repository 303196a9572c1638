import { DEMO_PASSWORD, expect, expectAccessible, logIn, openLatestMail, test, uniqueEmail } from "./fixtures";

const TOP100 = "/prijzen/top-100-ambtenaar";

test("browse an edition: phase, timeline, candidates with search, filter and pages, and a candidate page", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Top 100 Ambtenaar van het Jaar" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Top 100 Ambtenaar van het Jaar \d{4}/ })).toBeVisible();
  await expect(page.locator(".lauwer-phase")).toContainText("Nomineren is open");
  await expect(page.getByRole("heading", { name: "Tijdlijn" })).toBeVisible();
  await expect(page.locator("[aria-current=step]")).toContainText("Nomineren");
  await expectAccessible(page);

  await page.getByRole("navigation", { name: "Deze editie" }).getByRole("link", { name: "Kandidaten" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kandidaten" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("kandidaten");
  await expectAccessible(page);
  await page.getByLabel("Categorie").selectOption({ label: "Rijk — beleid" });
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page).toHaveURL(/categorie=rijk-beleid/);
  const first = page.locator(".lauwer-card-list a").first();
  const name = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Waarom genomineerd" })).toBeVisible();
  await expectAccessible(page);

  await page.goto(`${TOP100}/2026/kandidaten`);
  await page.getByRole("navigation", { name: "Paginering" }).getByRole("link", { name: "Volgende" }).click();
  await expect(page.getByText(/Pagina 2 van/)).toBeVisible();

  // English
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Candidates" })).toBeVisible();
  await expect(page.locator(".lauwer-phase")).toContainText("Nominations are open");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Schakel over naar Nederlands" }).click();
});

test("a member nominates a person, the nominee consents by mail, an organizer approves, and the candidate is public", async ({ page }) => {
  const nomineeEmail = uniqueEmail("genomineerde");
  const nomineeName = `Marieke Testpersoon ${Date.now().toString(36)}`;
  await logIn(page, "lid01@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto(`${TOP100}/2026`);
  await page.getByRole("navigation", { name: "Deze editie" }).getByRole("link", { name: "Nomineren" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Nomineren voor/ })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Categorie").selectOption({ label: "Decentraal — uitvoering" });
  await page.getByLabel("Naam van de genomineerde").fill(nomineeName);
  await page.getByLabel("Organisatie van de genomineerde").fill("Gemeente Amersfoort");
  await page.getByLabel("E-mailadres van de genomineerde").fill(nomineeEmail);
  const motivation = page.getByLabel("Motivatie");
  await motivation.fill("Marieke zorgde ervoor dat inwoners met schulden binnen een week geholpen worden, in plaats van na drie maanden.");
  await expect(page.getByText(/\d+ van 2000 tekens/)).toBeVisible();
  await page.getByLabel("Jouw relatie tot de genomineerde").fill("collega");
  await page.getByRole("button", { name: "Nominatie versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Je nominatie is ontvangen");
  await expect(page.getByRole("heading", { level: 1, name: "Mijn nominaties" })).toBeVisible();
  // Each nomination is its own article on Mijn nominaties, named by the candidate.
  await expect(page.getByRole("article", { name: nomineeName })).toContainText("Wacht op beoordeling");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");

  // The organizer approves from the moderation queue.
  await logIn(page, "organisator@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/beheer/prijzen");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Beheer Top 100 Ambtenaar van het Jaar 2026" }).click();
  // The edition's control room: the nominations waiting for moderation are the next thing to do.
  await expect(page.getByRole("heading", { level: 1, name: "Overzicht: Top 100 Ambtenaar van het Jaar 2026" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Nu te doen" })).toContainText(/\d+ nominaties wachten op moderatie/);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Modereer de nominaties" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Moderatie/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: `${nomineeName} goedkeuren` }).click();
  await expect(page.getByRole("status").first()).toContainText("Goedgekeurd");
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByText("Je bent uitgelogd")).toBeVisible();

  // Approved, but without the nominee's consent it is not public.
  await page.goto(`${TOP100}/2026/kandidaten?q=${encodeURIComponent(nomineeName)}`);
  await expect(page.locator(".lauwer-card-list")).toHaveCount(0);

  // The nominee consents through the mailed link (no account).
  const consentLink = await openLatestMail(page, nomineeEmail, "Je bent genomineerd voor Top 100 Ambtenaar van het Jaar");
  await page.goto(consentLink);
  await expect(page.getByRole("heading", { level: 1, name: "Toestemming voor je nominatie" })).toBeVisible();
  await expect(page.getByText("Genomineerd door: Demolid 1.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Ik geef toestemming" }).click();
  await expect(page.getByRole("status")).toContainText("Dank je wel voor je toestemming");

  await page.goto(`${TOP100}/2026/kandidaten?q=${encodeURIComponent(nomineeName)}`);
  await page.getByRole("link", { name: nomineeName }).click();
  await expect(page.getByRole("heading", { level: 1, name: nomineeName })).toBeVisible();
  await expect(page.getByText("inwoners met schulden binnen een week")).toBeVisible();
  await expectAccessible(page);
});

test("bad input on every nomination field gives a clear translated error and stores nothing", async ({ page }) => {
  await logIn(page, "lid02@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto(`${TOP100}/2026/nomineren`);
  await page.getByLabel("Naam van de genomineerde").fill("");
  await page.getByLabel("E-mailadres van de genomineerde").fill("geen-adres");
  await page.getByLabel("Motivatie").fill("Te kort.");
  await page.getByLabel("Link naar een pitchvideo (niet verplicht)").fill("http://example.com/video");
  await page.getByLabel("Naam", { exact: true }).first().fill("Alleen een naam");
  await page.getByRole("button", { name: "Nominatie versturen" }).click();

  // The error summary takes the focus (tests/e2e/forms.spec.ts follows its links); each field names itself.
  await expect(page.locator("#error-summary")).toBeFocused();
  await expect(page.getByLabel("Naam van de genomineerde")).toHaveAccessibleDescription(/Vul de naam van de genomineerde in/);
  await expect(page.getByLabel("Organisatie van de genomineerde")).toHaveAccessibleDescription(/Vul de organisatie van de genomineerde in/);
  await expect(page.getByLabel("E-mailadres van de genomineerde")).toHaveAccessibleDescription(/geldig e-mailadres/);
  await expect(page.getByLabel("Motivatie")).toHaveAccessibleDescription(/minstens 50 tekens/);
  await expect(page.getByLabel("Link naar een pitchvideo (niet verplicht)")).toHaveAccessibleDescription(/https-link van YouTube of Vimeo/);
  await expect(page.getByLabel("Jouw relatie tot de genomineerde")).toHaveAccessibleDescription(/Vul je relatie tot de genomineerde in/);
  await expectAccessible(page);

  // With every other field valid, an incomplete reference is still refused.
  await page.getByLabel("Naam van de genomineerde").fill("Alleen een naam");
  await page.getByLabel("Organisatie van de genomineerde").fill("Gemeente Ede");
  await page.getByLabel("E-mailadres van de genomineerde").fill(uniqueEmail("ref-test"));
  await page.getByLabel("Motivatie").fill("Een motivatie die lang genoeg is om door de controle te komen, met voorbeelden.");
  await page.getByLabel("Link naar een pitchvideo (niet verplicht)").fill("https://www.youtube.com/watch?v=abc");
  await page.getByLabel("Jouw relatie tot de genomineerde").fill("collega");
  await page.getByRole("button", { name: "Nominatie versturen" }).click();
  await expect(page.getByRole("group", { name: "Referentie 1" }).getByLabel("E-mailadres")).toHaveAccessibleDescription(
    /zowel de naam als het e-mailadres/,
  );

  await page.goto("/mijn-nominaties");
  await expect(page.getByRole("heading", { level: 1, name: "Mijn nominaties" })).toBeVisible();
  await expect(page.getByRole("main").getByText("Alleen een naam")).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server answers bad nomination input with translated errors and keeps what was typed", async ({ page }) => {
    await logIn(page, "lid03@lauwer.test", DEMO_PASSWORD);
    await page.goto(`${TOP100}/2026/nomineren`);
    await page.getByLabel("Naam van de genomineerde").fill("Piet Zonder Script");
    await page.getByLabel("Motivatie").fill("kort");
    await page.getByRole("button", { name: "Nominatie versturen" }).click();
    await expect(page.getByLabel("Motivatie")).toHaveAccessibleDescription(/minstens 50 tekens/);
    await expect(page.getByLabel("Naam van de genomineerde")).toHaveValue("Piet Zonder Script");
    await page.getByRole("button", { name: "Bewaar als concept" }).click();
    await expect(page.getByText("Je concept is bewaard")).toBeVisible();
    await expect(page.getByLabel("Naam van de genomineerde")).toHaveValue("Piet Zonder Script");
  });
});

test("an organizer edits the procedure: opened rounds are locked, a new round can be added", async ({ page }) => {
  await logIn(page, "organisator@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/beheer/prijzen/overheidsmanager/2026/moderatie");
  await page.getByRole("link", { name: "Instellingen en procedure" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Instellingen en procedure/ })).toBeVisible();
  await expectAccessible(page);
  // Each round folds into one line; the shortlist round has opened: its fields are disabled.
  await page.locator("summary", { hasText: "Ronde 1: Shortlist (Jury) — geopend, vastgezet" }).click();
  const shortlist = page.getByRole("group", { name: /Ronde 1: Shortlist/ });
  await expect(shortlist.getByText("Deze ronde is geopend")).toBeVisible();
  await expect(shortlist.getByLabel("Aantal per categorie")).toBeDisabled();

  await page.locator("summary", { hasText: "Nieuwe ronde toevoegen" }).click();
  const add = page.getByRole("group", { name: "Nieuwe ronde" });
  await add.getByLabel("Naam (Nederlands)").fill("Uitreiking");
  await add.getByLabel("Naam (Engels)").fill("Ceremony");
  await add.getByLabel("Soort ronde").selectOption("live_vote");
  await add.getByLabel("Wie gaat door").selectOption("top_k");
  await add.getByRole("button", { name: "Ronde toevoegen" }).click();
  await expect(add.getByLabel("Aantal per categorie")).toHaveAccessibleDescription(/hoeveel kandidaten/);
  await add.getByLabel("Wie gaat door").selectOption("none");
  await add.getByRole("button", { name: "Ronde toevoegen" }).click();
  await expect(page.getByRole("status")).toContainText("Opgeslagen");
  await page.locator("summary", { hasText: "Ronde 4: Uitreiking (Stemming in de zaal)" }).click();
  await expect(page.getByRole("group", { name: /Ronde 4: Uitreiking/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Ronde verwijderen: Uitreiking" }).click();
  await expect(page.getByRole("status")).toContainText("Opgeslagen");
  await expect(page.locator("summary", { hasText: "Ronde 4" })).toHaveCount(0);
  await expect(page.getByRole("group", { name: /Ronde 4/ })).toHaveCount(0);
});

test("a reference writes a statement through the mailed link, and organizers read it", async ({ page }) => {
  const referenceEmail = uniqueEmail("referent");
  const nomineeName = `Ruud Referentietest ${Date.now().toString(36)}`;
  await logIn(page, "lid04@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto(`${TOP100}/2026/nomineren`);
  // The form starts with no category chosen.
  await page.getByLabel("Categorie").selectOption({ label: "Rijk — beleid" });
  await page.getByLabel("Naam van de genomineerde").fill(nomineeName);
  await page.getByLabel("Organisatie van de genomineerde").fill("Provincie Utrecht");
  await page.getByLabel("E-mailadres van de genomineerde").fill(uniqueEmail("ruud"));
  await page
    .getByLabel("Motivatie")
    .fill("Ruud bracht drie afdelingen die nooit samenwerkten aan één tafel en loste zo een probleem van jaren op.");
  await page.getByLabel("Jouw relatie tot de genomineerde").fill("collega");
  const ref = page.getByRole("group", { name: "Referentie 1" });
  await ref.getByLabel("Naam").fill("Renske Referent");
  await ref.getByLabel("E-mailadres").fill(referenceEmail);
  await ref.getByLabel("Relatie tot de genomineerde").fill("leidinggevende");
  await page.getByRole("button", { name: "Nominatie versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Je nominatie is ontvangen");
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");

  const link = await openLatestMail(page, referenceEmail, `Wil je iets vertellen over ${nomineeName}?`);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: `Verklaring over ${nomineeName}` })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Je verklaring").fill("Kort.");
  await page.getByRole("button", { name: "Verklaring versturen" }).click();
  await expect(page.getByLabel("Je verklaring")).toHaveAccessibleDescription(/minstens 20 tekens/);
  await page.getByLabel("Je verklaring").fill("Ruud is de collega die iedereen verbindt; zonder hem was het project nooit gelukt.");
  await page.getByRole("button", { name: "Verklaring versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Dank je wel voor je verklaring");
  await page.goto(link);
  await expect(page.getByText("ongeldig, verlopen of al gebruikt")).toBeVisible();

  await logIn(page, "organisator@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto(`/beheer${TOP100}/2026/moderatie?status=pending`);
  await page.getByRole("link", { name: `Bekijk ${nomineeName}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: nomineeName })).toBeVisible();
  await expect(page.getByText("zonder hem was het project nooit gelukt")).toBeVisible();
  await expectAccessible(page);
});

test("an admin creates an award, grants its organizer, who starts its first edition", async ({ page }) => {
  const slug = `e2e-prijs-${Date.now().toString(36)}`;
  await logIn(page, "beheerder@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/beheer/prijzen/nieuw");
  await expectAccessible(page);
  await page.getByLabel("Korte naam in de link").fill(slug);
  await page.getByLabel("Naam (Nederlands)").fill("E2E Prijs");
  await page.getByLabel("Naam (Engels)").fill("E2E Award");
  await page.getByRole("button", { name: "Prijs aanmaken" }).click();
  await expect(page.getByRole("status")).toContainText("Aangemaakt");
  await page.getByLabel("E-mailadres").fill("organisator@lauwer.test");
  await page.getByLabel("Rol", { exact: true }).selectOption("organizer");
  await page.getByLabel("Voor").selectOption({ label: "E2E Prijs" });
  await page.getByRole("button", { name: "Rol toekennen" }).click();
  await expect(page.getByRole("status")).toContainText("Rol toegekend");
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");

  await logIn(page, "organisator@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto(`/beheer/prijzen/${slug}/nieuwe-editie`);
  await expectAccessible(page);
  await page.getByLabel("Jaar").fill("20x7");
  await page.getByRole("button", { name: "Editie aanmaken" }).click();
  await expect(page.getByLabel("Jaar")).toHaveAccessibleDescription(/jaartal/);
  await page.getByLabel("Jaar").fill("2027");
  await page.getByRole("button", { name: "Editie aanmaken" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Instellingen en procedure: E2E Prijs 2027/ })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Aangemaakt");
});

test("on a phone the organizer finds every tool of an edition in its folded menu, and checks the suggested conflicts", async ({ page }) => {
  const year = new Date().getFullYear();
  const edition = `Overheidsmanager van het Jaar ${year}`;
  await page.setViewportSize({ width: 390, height: 844 });
  await logIn(page, "organisator@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto("/beheer/prijzen");
  await page.getByRole("link", { name: `Beheer ${edition}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Overzicht: ${edition}` })).toBeVisible();
  // The jury round that is open has a juror who has not finished; the timeline shows every round.
  await expect(page.getByRole("region", { name: "Nu te doen" })).toContainText(
    /Interviews \(ronde 2\): \d+ juryl(eden zijn|id is) nog niet klaar\./,
  );
  await expect(page.getByRole("region", { name: "Verloop van de editie" }).getByRole("listitem")).toHaveCount(4);
  // Folded: one line naming the page, the links hidden until it is opened.
  const menu = page.getByRole("navigation", { name: `Beheer van ${edition}` });
  await expect(menu.getByRole("link", { name: "Belangenverstrengeling" })).toBeHidden();
  await expectAccessible(page);
  await page.locator("summary", { hasText: `${edition}: Overzicht` }).click();
  await expect(menu.getByRole("link", { name: "Overzicht" })).toHaveAttribute("aria-current", "page");
  await menu.getByRole("link", { name: "Belangenverstrengeling" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Belangen van juryleden: ${edition}` })).toBeVisible();
  await page.locator("summary", { hasText: `${edition}: Belangenverstrengeling` }).click();
  await expect(menu.getByRole("link", { name: "Belangenverstrengeling" })).toHaveAttribute("aria-current", "page");
  // Suggestions wait for a person to confirm them (the integration tests prove none is applied by itself).
  const suggestions = page.getByRole("region", { name: "Mogelijke belangen om na te gaan" });
  await expect(suggestions.getByRole("button", { name: /^Belang bevestigen: Julia de Jury beoordeelt .+ niet$/ }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Vastgelegde belangen" })).toBeVisible();
  await expectAccessible(page);
});
