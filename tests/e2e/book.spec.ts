import type { Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, expectAccessible, logIn, openLatestMail, test } from "./fixtures";

// The demo portrait book "ambtenaren-200-jaar": 97 of 100 portraits selected, proposals and claims
// open, words 600–900 per portrait, editor redacteur@. Authors in the seed are lid17–lid50; this file
// uses lid52–lid56 (members without an author profile that no other spec uses), so it can run beside
// the other specs. Only the workflow test changes the book (one proposal, selected, written, published).
const SLUG = "ambtenaren-200-jaar";
const PROJECT = "Ambtenaren! 200 jaar werken aan Nederland in 100 portretten";
const BOOK = `/boek/${SLUG}`;
const ADMIN = `/beheer/boeken/${SLUG}`;

const PROPOSER = "lid52@lauwer.test";
const ENDORSER = "lid53@lauwer.test";
const ENDORSER_NAME = "Demolid 53";
const AUTHOR = "lid55@lauwer.test";
const AUTHOR_NAME = "Demolid 55";
const EDITOR = "redacteur@lauwer.test";

// The new civil servant (fictional; no demo proposal looks like this name).
const SUBJECT = "Aleida Quatfass-Ymmink";
const SUBJECT_FACTS = { born: "1871", died: "1950", from: "1895", to: "1936", theme: "Cultuur" };
const SOURCE = { title: "Inventaris Rijksarchief in Noord-Brabant", url: "https://www.example.nl/archief/quatfass-ymmink" };

/** Words as the app counts them, for texts made of plain words, numbers and end punctuation only. */
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** A plain-text portrait of about 720 words: six paragraphs of varied, readable sentences. */
function portraitText(): string {
  const sentences = [
    (n: number) => `In ${1895 + n} ordende Quatfass-Ymmink opnieuw een kast vol stukken die niemand in jaren had ingezien.`,
    (n: number) => `Zij schreef bij elk stuk een korte beschrijving, zodat ook een gewone burger het ${n + 1}e dossier kon vinden.`,
    () => `Collega's in Den Haag keken eerst met argwaan naar haar werkwijze, maar namen die later zelf over.`,
    (n: number) => `Het jaarverslag van ${1900 + n} noemt haar geduld en haar oog voor de samenhang tussen de stukken.`,
    () => `Gemeenten in de hele provincie stuurden hun oude registers naar 's-Hertogenbosch om ze door haar te laten beschrijven.`,
    () => `Zo werd het archief een plek waar iedereen terechtkon met vragen over land, water, erfenissen en rechten.`,
    (n: number) => `Haar notities uit het ${n + 2}e jaar van de eeuw laten zien hoe zorgvuldig zij elke keuze verantwoordde.`,
  ];
  const paragraphs: string[] = [];
  let n = 0;
  while (words(paragraphs.join(" ")) < 700) {
    const paragraph: string[] = [];
    for (let k = 0; k < sentences.length; k++) paragraph.push(sentences[(k + n) % sentences.length]!(n + k));
    paragraphs.push(paragraph.join(" "));
    n++;
  }
  return paragraphs.join("\n\n");
}
const FIRST_DRAFT = "Aleida Quatfass-Ymmink begon in 1895 als klerk.";
const SUBMITTED_TEXT = portraitText();
// What the author adds after the editor's comment: its own paragraph, so the reader sees it whole.
const ADDED = "Haar inventaris van de Staten van Brabant uit 1912 wordt nog altijd geraadpleegd.";
const FINAL_TEXT = `${SUBMITTED_TEXT}\n\n${ADDED}`;
const RETURN_COMMENT = "Mooi portret. Noem ook de inventaris waar zij om bekend werd, dan is het af.";

/** Any console error or page error fails the test, as in the fixture's own page. */
function collectErrors(page: Page, errors: string[]) {
  page.on("console", (msg) => {
    if (msg.type() === "error" && !/the server responded with a status of 4\d\d/.test(msg.text())) errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
}

/** A new browser context (its own cookies), optionally logged in. */
async function openAs(browser: Browser, baseURL: string | undefined, errors: string[], email?: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  collectErrors(page, errors);
  if (email) await logInAs(page, email);
  return page;
}

async function logInAs(page: Page, email: string) {
  await logIn(page, email, DEMO_PASSWORD);
  await expect(notice(page, "Je bent ingelogd")).toBeVisible();
  await expectAccessible(page);
}

/** The notice shown after a redirect (other live regions on a page have other texts). */
const notice = (page: Page, text: string) => page.getByRole("status").filter({ hasText: text });
const h1 = (page: Page, name: string) => page.getByRole("heading", { level: 1, name, exact: true });
/** The page's path, whatever notice or query follows it. */
const expectPath = (page: Page, path: string | RegExp) =>
  typeof path === "string"
    ? expect.poll(() => new URL(page.url()).pathname).toBe(path)
    : expect.poll(() => new URL(page.url()).pathname).toMatch(path);
const endorsementCount = (page: Page) => page.getByTestId("endorsement-count");
const wordCounter = (page: Page) => page.locator("#field-body-counter");

test("the whole book workflow: propose, endorse, select, sign up and claim, assign, write, return, resubmit, final, publish, read", async ({
  page: editor,
  browser,
  baseURL,
}) => {
  // Six roles over about forty pages, each checked with axe.
  test.setTimeout(600_000); // a hang guard only: a busy machine may take many times as long
  const errors: string[] = [];
  let proposalPath = "";
  let manuscriptPath = "";

  await test.step("a member proposes a civil servant, after the form suggested a similar existing proposal", async () => {
    const member = await openAs(browser, baseURL, errors, PROPOSER);
    await member.goto(BOOK);
    await expect(h1(member, PROJECT)).toBeVisible();
    await expectAccessible(member);
    await member.getByRole("link", { name: "Draag een ambtenaar voor" }).click();
    await expect(h1(member, "Draag een ambtenaar voor")).toBeVisible();
    await expectAccessible(member);

    // Typing a name like a demo proposal's suggests it, accent-insensitively, to endorse instead.
    const name = member.getByLabel("Naam", { exact: true });
    await name.pressSequentially("Bonnekamp");
    const matches = member.getByRole("region", { name: "Lijkt op bestaande voordrachten" });
    await expect(matches.getByRole("link", { name: "Bekijk en steun Hélène Bönnekamp" })).toBeVisible();
    await expect(matches).toContainText("Hélène Bönnekamp (1891–1978), Centraal Bureau voor de Statistiek");
    await expectAccessible(member);
    // The real, new name: the suggestion goes away.
    await name.fill(SUBJECT);
    await expect(member.getByRole("link", { name: "Bekijk en steun Hélène Bönnekamp" })).toHaveCount(0);
    await expect(matches).toHaveCount(0);

    await member.getByLabel("Geboortejaar").fill(SUBJECT_FACTS.born);
    await member.getByLabel("Sterfjaar").fill(SUBJECT_FACTS.died);
    await member.getByLabel("In dienst vanaf (jaar)").fill(SUBJECT_FACTS.from);
    await member.getByLabel("In dienst tot (jaar)").fill(SUBJECT_FACTS.to);
    await member.getByLabel("Organisatie", { exact: true }).fill("Rijksarchief in Noord-Brabant");
    await member.getByLabel("Functie of rol").fill("rijksarchivaris");
    await member.getByLabel("Thema", { exact: true }).selectOption({ label: SUBJECT_FACTS.theme });
    const motivation =
      "Zij was een van de eerste vrouwen aan het hoofd van een rijksarchief. Haar inventarissen maakten eeuwen bestuur " +
      "toegankelijk voor iedereen, en gemeenten in heel Brabant leerden van haar hoe je een archief openbaar maakt.";
    const motivationField = member.getByLabel("Waarom deze ambtenaar ertoe deed");
    await motivationField.fill(motivation);
    await expect(member.getByText(`${motivation.length} van 3000 tekens (minimaal 150)`)).toBeVisible();
    const source = member.getByRole("group", { name: "Bron 1", exact: true });
    await source.getByLabel("Titel van de bron").fill(SOURCE.title);
    await source.getByLabel("Link (https)").fill(SOURCE.url);
    await expectAccessible(member);
    await member.getByRole("button", { name: "Voordracht insturen" }).click();

    await expect(notice(member, "Dank je wel! Je voordracht staat erin.")).toBeVisible();
    await expect(h1(member, SUBJECT)).toBeVisible();
    await expectPath(member, new RegExp(`^${BOOK}/voordrachten/[0-9a-f-]{36}$`));
    proposalPath = new URL(member.url()).pathname;
    await expect(member.getByText("1871–1950 · rijksarchivaris, Rijksarchief in Noord-Brabant")).toBeVisible();
    await expect(member.getByRole("definition").filter({ hasText: "Voorgedragen" })).toHaveText("Voorgedragen");
    await expect(member.getByRole("link", { name: SOURCE.title })).toHaveAttribute("href", SOURCE.url);
    await expect(endorsementCount(member)).toHaveText("0 steunbetuigingen");
    await expectAccessible(member);
    await member.context().close();
  });

  await test.step("another member endorses it once (a second endorsement counts no more) and comments", async () => {
    const member = await openAs(browser, baseURL, errors, ENDORSER);
    await member.goto(`${BOOK}/voordrachten`);
    await expect(h1(member, "Voordrachten")).toBeVisible();
    await expectAccessible(member);
    await member.getByRole("searchbox", { name: "Zoek op naam" }).fill("quatfass");
    await member.getByRole("button", { name: "Toon" }).click();
    await expect(member.getByText("1 voordracht", { exact: true })).toBeVisible();
    await expectAccessible(member);
    await member.getByRole("link", { name: SUBJECT }).click();
    await expect(h1(member, SUBJECT)).toBeVisible();
    await expect(endorsementCount(member)).toHaveText("0 steunbetuigingen");
    await expectAccessible(member);

    // The same proposal in a second tab, opened before endorsing: its button is stale afterwards.
    const secondTab = await member.context().newPage();
    collectErrors(secondTab, errors);
    await secondTab.goto(proposalPath);
    await expect(secondTab.getByRole("button", { name: "Steun deze voordracht" })).toBeVisible();

    await member.getByRole("button", { name: "Steun deze voordracht" }).click();
    await expect(notice(member, "Je steunt deze voordracht.")).toBeVisible();
    await expect(endorsementCount(member)).toHaveText("1 steunbetuiging");
    await expect(member.getByRole("button", { name: "Steun deze voordracht" })).toHaveCount(0);
    await expect(member.getByRole("button", { name: "Trek je steun in" })).toBeVisible();
    await expectAccessible(member);

    await secondTab.getByRole("button", { name: "Steun deze voordracht" }).click();
    await expect(notice(secondTab, "Je steunde deze voordracht al; je steun telt één keer.")).toBeVisible();
    await expect(endorsementCount(secondTab)).toHaveText("1 steunbetuiging");
    await expectAccessible(secondTab);
    await secondTab.close();

    const comment = "Haar inventaris van de Staten van Brabant staat in elke studiezaal.";
    await member.getByLabel("Je reactie").fill(comment);
    await member.getByRole("button", { name: "Reactie plaatsen" }).click();
    await expect(notice(member, "Je reactie is geplaatst.")).toBeVisible();
    const comments = member.locator(".lauwer-book-comments li");
    await expect(comments).toHaveCount(1);
    await expect(comments).toContainText(`${ENDORSER_NAME} op `);
    await expect(comments).toContainText(comment);
    await expect(member.getByText("Nog geen reacties.")).toHaveCount(0);
    await expect(endorsementCount(member)).toHaveText("1 steunbetuiging");
    await expectAccessible(member);
    await member.context().close();
  });

  await test.step("the editor finds it, selects it (98 of 100) and sees the balance change", async () => {
    await logInAs(editor, EDITOR);
    await editor.goto(ADMIN);
    await expect(h1(editor, `Beheer: ${PROJECT}`)).toBeVisible();
    await expectAccessible(editor);

    // The balance before: selected portraits on the theme of the new proposal.
    await editor.getByRole("link", { name: "Balans van de selectie" }).click();
    await expect(h1(editor, "Balans van de selectie")).toBeVisible();
    await expect(editor.getByText("97 van 100 geselecteerd")).toBeVisible();
    const themeRow = editor
      .getByRole("table", { name: "Geselecteerd per thema (tabel)" })
      .getByRole("row")
      .filter({ has: editor.getByRole("rowheader", { name: SUBJECT_FACTS.theme, exact: true }) });
    const selectedBefore = Number(await themeRow.getByRole("cell").first().textContent());
    expect(selectedBefore).toBeGreaterThan(0);
    await expectAccessible(editor);

    await editor.getByRole("link", { name: "Alle voordrachten" }).click();
    await expect(h1(editor, "Selectie van voordrachten")).toBeVisible();
    await expect(editor.getByText("97 van 100 geselecteerd")).toBeVisible();
    await expectAccessible(editor);
    await editor.getByRole("searchbox", { name: "Zoek op naam" }).fill("Quatfass");
    await editor.getByRole("button", { name: "Toon" }).click();
    await expect(editor).toHaveURL(/q=Quatfass/);
    const row = editor.getByRole("row").filter({ has: editor.getByRole("link", { name: `Open ${SUBJECT}` }) });
    await expect(editor.getByRole("row")).toHaveCount(2); // the header and this proposal
    await expect(row.getByRole("cell").nth(1)).toHaveText(SUBJECT_FACTS.theme);
    await expect(row.getByRole("cell").nth(3)).toHaveText("1");
    await expect(row.getByRole("cell").nth(4)).toHaveText("Voorgedragen");
    await expectAccessible(editor);

    await row.getByRole("button", { name: `Selecteer ${SUBJECT}` }).click();
    await expect(notice(editor, "De voordracht is geselecteerd.")).toBeVisible();
    await expect(editor.getByText("98 van 100 geselecteerd")).toBeVisible();
    await expect(row.getByRole("cell").nth(4)).toHaveText("Geselecteerd");
    await expect(row.getByRole("button")).toHaveCount(0);
    await expect(editor).toHaveURL(/q=Quatfass/);
    await expectAccessible(editor);

    await editor.getByRole("link", { name: "Balans van de selectie" }).click();
    await expect(h1(editor, "Balans van de selectie")).toBeVisible();
    await expect(editor.getByText("98 van 100 geselecteerd")).toBeVisible();
    await expect(themeRow.getByRole("cell").first()).toHaveText(String(selectedBefore + 1));
    await expect(editor.getByRole("img", { name: /Geselecteerd per decennium/ })).toBeVisible();
    await expect(editor.getByRole("img", { name: /Geselecteerd per thema/ })).toBeVisible();
    await expectAccessible(editor);
  });

  const author = await openAs(browser, baseURL, errors, AUTHOR);

  await test.step("a member signs up as author and claims the new portrait as first choice", async () => {
    await author.goto(BOOK);
    await expect(h1(author, PROJECT)).toBeVisible();
    await expect(author.getByRole("link", { name: "Mijn portretten" })).toHaveCount(0);
    await expectAccessible(author);
    await author.getByRole("link", { name: "Schrijf mee als auteur" }).click();
    await expect(h1(author, "Aanmelden als auteur")).toBeVisible();
    await expectAccessible(author);

    await author
      .getByLabel("Over jou")
      .fill("Archivaris in Den Bosch; ik schreef eerder over de geschiedenis van het Brabants archiefwezen.");
    await author.getByRole("group", { name: "Thema's waar je verstand van hebt" }).getByRole("checkbox", { name: "Cultuur" }).check();
    await author.getByLabel("Vanaf het jaar").fill("1850");
    await author.getByLabel("Tot en met het jaar").fill("1950");
    await author.getByLabel("Link naar eerder werk").fill("https://www.example.nl/artikelen/brabants-archief");
    await author.getByLabel("Hoeveel portretten kun je schrijven?").selectOption({ label: "2 portretten" });
    await author.getByLabel("Beschikbaarheid").fill("Hele najaar, behalve de herfstvakantie.");
    await author.getByRole("button", { name: "Aanmelden als auteur" }).click();
    await expect(notice(author, "Je auteursprofiel is bewaard.")).toBeVisible();
    await expect(h1(author, "Je auteursprofiel")).toBeVisible();
    await expect(author.getByRole("checkbox", { name: "Cultuur" })).toBeChecked();
    await expect(author.getByLabel("Hoeveel portretten kun je schrijven?")).toHaveValue("2");
    await expectAccessible(author);

    await author.getByRole("link", { name: "Je wensen" }).click();
    await expect(h1(author, "Je wensen")).toBeVisible();
    await expect(author.getByText("Je hebt nog geen wensen opgegeven.")).toBeVisible();
    await expectAccessible(author);
    await author
      .getByLabel("Portret (Eerste keus)")
      .selectOption({ label: `${SUBJECT} (${SUBJECT_FACTS.from}–${SUBJECT_FACTS.to}, ${SUBJECT_FACTS.theme})` });
    await author.getByLabel("Waarom dit portret? (Eerste keus)").fill("Ik ken haar inventarissen van binnen en buiten.");
    await author.getByRole("button", { name: "Wensen bewaren" }).click();
    await expect(notice(author, "Je wensen zijn bewaard.")).toBeVisible();
    const current = author.getByRole("region", { name: "Je huidige wensen" });
    await expect(current.getByRole("listitem")).toHaveText([`Eerste keus: ${SUBJECT}`]);
    await expect(author.getByLabel("Portret (Eerste keus)").locator("option:checked")).toHaveText(new RegExp(`^${SUBJECT} `));
    await expectAccessible(author);
  });

  await test.step("the editor sees the author's wish and assigns the portrait; the author gets a mail", async () => {
    await editor.goto(ADMIN);
    await expect(h1(editor, `Beheer: ${PROJECT}`)).toBeVisible();
    await expectAccessible(editor);
    await editor.getByRole("link", { name: "Auteurs", exact: true }).click();
    await expect(h1(editor, `Auteurs van ${PROJECT}`)).toBeVisible();
    const profile = editor.getByRole("region", { name: AUTHOR_NAME, exact: true });
    await expect(profile).toContainText("Archivaris in Den Bosch");
    await expect(profile).toContainText("0 toegewezen van de 2 die hij of zij kan schrijven");
    await expect(profile).toContainText(SUBJECT);
    await expectAccessible(editor);

    await editor.getByRole("link", { name: "Toewijzen", exact: true }).click();
    await expect(h1(editor, "Toewijzen")).toBeVisible();
    // The assistant proposes the only author who chose the portrait, with their first choice.
    const suggestion = editor.getByRole("region", { name: "Voorstel van de assistent" });
    await expect(suggestion.getByRole("row").filter({ hasText: SUBJECT }).getByRole("cell")).toHaveText([
      SUBJECT,
      AUTHOR_NAME,
      "Eerste keus",
    ]);
    const row = editor
      .getByRole("region", { name: /geselecteerde portretten$/ })
      .getByRole("row")
      .filter({ has: editor.getByRole("combobox", { name: `Auteur voor ${SUBJECT}` }) });
    await expect(row).toContainText(`Eerste keus: ${AUTHOR_NAME} (nog ruimte voor 2)`);
    await expectAccessible(editor);
    await row
      .getByRole("combobox", { name: `Auteur voor ${SUBJECT}` })
      .selectOption({ label: `${AUTHOR_NAME} — Eerste keus (nog ruimte voor 2)` });
    await row.getByRole("button", { name: `${SUBJECT} toewijzen` }).click();
    await expect(notice(editor, "Het portret heeft een auteur; de auteur krijgt bericht.")).toBeVisible();
    const assigned = editor
      .getByRole("region", { name: /geselecteerde portretten$/ })
      .getByRole("row")
      .filter({ hasText: SUBJECT });
    await expect(assigned.getByRole("cell").last()).toContainText(AUTHOR_NAME);
    await expect(assigned.getByRole("cell").last()).toContainText("toegewezen, inleveren vóór");
    await expect(assigned.getByRole("button", { name: `Auteur loskoppelen van ${SUBJECT}` })).toBeVisible();
    await expect(suggestion.getByRole("row").filter({ hasText: SUBJECT })).toHaveCount(0);
    await expectAccessible(editor);

    const link = await openLatestMail(editor, AUTHOR, `Je schrijft het portret van ${SUBJECT}`);
    await expect(editor.locator(".lauwer-mail-body")).toContainText(PROJECT);
    manuscriptPath = new URL(link).pathname;
    expect(manuscriptPath).toBe(proposalPath.replace("/voordrachten/", "/mijn-portretten/"));
  });

  await test.step("the author writes with a live word count, saves a version, and submits 600–900 words", async () => {
    await author.goto(BOOK);
    await expect(h1(author, PROJECT)).toBeVisible();
    await expectAccessible(author);
    // The book page's own link (an author also has "Mijn portretten" in the header's main menu).
    await expect(author.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mijn portretten" })).toBeVisible();
    await author.getByRole("main").getByRole("link", { name: "Mijn portretten" }).click();
    await expect(h1(author, "Mijn portretten")).toBeVisible();
    const mine = author.getByRole("row").filter({ has: author.getByRole("link", { name: SUBJECT }) });
    await expect(mine.getByRole("cell").nth(1)).toHaveText("toegewezen");
    await expect(mine.getByRole("cell").nth(3)).toHaveText("nog geen tekst");
    await expectAccessible(author);
    await mine.getByRole("link", { name: SUBJECT }).click();
    await expect(h1(author, SUBJECT)).toBeVisible();
    await expectPath(author, manuscriptPath);
    await expect(author.getByText("Status: toegewezen")).toBeVisible();
    await expect(author.getByText("Nog geen versies bewaard.")).toBeVisible();
    await expect(wordCounter(author)).toHaveText("0 woorden (streven 600–900). Nog te kort om in te dienen.");
    await expectAccessible(author);

    const text = author.getByLabel("Je tekst");
    await text.pressSequentially(FIRST_DRAFT);
    await expect(wordCounter(author)).toHaveText(`${words(FIRST_DRAFT)} woorden (streven 600–900). Nog te kort om in te dienen.`);
    // Too short to submit: refused with the reason, nothing submitted.
    await author.getByRole("button", { name: "Indienen bij de redactie" }).click();
    await expect(author.getByText("De tekst is te kort om in te dienen: tussen 600 en 900 woorden, graag.").first()).toBeVisible();
    await expect(author.getByText("Status: toegewezen")).toBeVisible();
    await expect(text).toHaveValue(FIRST_DRAFT);
    await expectAccessible(author);

    await author.getByRole("button", { name: "Versie bewaren" }).click();
    await expect(notice(author, "Je tekst is bewaard als nieuwe versie.")).toBeVisible();
    const history = author.getByRole("region", { name: "Versies en opmerkingen" });
    await expect(history.getByRole("listitem")).toHaveCount(1);
    await expect(history.getByRole("listitem").first()).toContainText(`Versie 1 — `);
    await expect(history.getByRole("listitem").first()).toContainText(`${words(FIRST_DRAFT)} woorden`);
    await expect(text).toHaveValue(FIRST_DRAFT);
    await expectAccessible(author);

    const count = words(SUBMITTED_TEXT);
    expect(count).toBeGreaterThanOrEqual(600);
    expect(count).toBeLessThanOrEqual(900);
    await text.fill(SUBMITTED_TEXT);
    await expect(wordCounter(author)).toHaveText(`${count} woorden (streven 600–900). Binnen het streven.`);
    await author.getByRole("button", { name: "Indienen bij de redactie" }).click();
    await expect(notice(author, "Je tekst is ingediend bij de redactie. Dank je wel!")).toBeVisible();
    await expect(author.getByText("Status: ingediend")).toBeVisible();
    await expect(text).toHaveAttribute("readonly", "");
    await expect(author.getByRole("button", { name: "Indienen bij de redactie" })).toHaveCount(0);
    await expect(history.getByRole("listitem").first()).toContainText(`Versie 2 — `);
    await expect(history.getByRole("listitem").first()).toContainText(`${count} woorden — ingediend`);
    await expectAccessible(author);
  });

  await test.step("the editor returns the text with a comment; the author gets a mail", async () => {
    await editor.goto(ADMIN);
    await expect(h1(editor, `Beheer: ${PROJECT}`)).toBeVisible();
    await expectAccessible(editor);
    await editor.getByRole("link", { name: "Teksten volgen" }).click();
    await expect(h1(editor, "Portretten")).toBeVisible();
    const row = editor.getByRole("row").filter({ has: editor.getByRole("link", { name: SUBJECT }) });
    await expect(row.getByRole("cell").nth(1)).toHaveText(AUTHOR_NAME);
    await expect(row.getByRole("cell").nth(2)).toHaveText("ingediend");
    await expect(row.getByRole("cell").nth(4)).toHaveText(`${words(SUBMITTED_TEXT)} woorden`);
    await expectAccessible(editor);
    await row.getByRole("link", { name: SUBJECT }).click();
    await expect(h1(editor, SUBJECT)).toBeVisible();
    await expect(editor.getByText(`Auteur: ${AUTHOR_NAME} · Status: ingediend`)).toBeVisible();
    await expect(editor.getByRole("heading", { name: "Laatste versie (versie 2)" })).toBeVisible();
    await expect(editor.locator(".lauwer-bw-preview")).toContainText(SUBMITTED_TEXT.slice(0, 60));
    await expectAccessible(editor);

    await editor.getByLabel("Opmerking voor de auteur").fill(RETURN_COMMENT);
    await editor.getByRole("button", { name: "Teruggeven aan de auteur" }).click();
    await expect(notice(editor, "Het portret is met je opmerking teruggegeven aan de auteur.")).toBeVisible();
    await expect(editor.getByText(`Auteur: ${AUTHOR_NAME} · Status: terug bij de auteur`)).toBeVisible();
    await expect(editor.getByRole("button", { name: "Teruggeven aan de auteur" })).toHaveCount(0);
    await expect(editor.getByRole("list", { name: "Opmerkingen bij versie 2" })).toContainText(RETURN_COMMENT);
    await expectAccessible(editor);

    const link = await openLatestMail(editor, AUTHOR, `Het portret van ${SUBJECT}: opmerkingen van de redactie`);
    await expect(editor.locator(".lauwer-mail-body")).toContainText(RETURN_COMMENT);
    expect(new URL(link).pathname).toBe(manuscriptPath);
  });

  await test.step("the author reads the comment, adds to the text and submits again", async () => {
    await author.goto(manuscriptPath);
    await expect(h1(author, SUBJECT)).toBeVisible();
    await expect(author.getByText("Status: terug bij de auteur")).toBeVisible();
    await expect(author.getByRole("list", { name: "Opmerkingen bij versie 2" })).toContainText(RETURN_COMMENT);
    const text = author.getByLabel("Je tekst");
    await expect(text).toHaveValue(SUBMITTED_TEXT);
    await expect(text).toBeEditable();
    await expectAccessible(author);

    await text.fill(FINAL_TEXT);
    await expect(wordCounter(author)).toHaveText(`${words(FINAL_TEXT)} woorden (streven 600–900). Binnen het streven.`);
    await author.getByRole("button", { name: "Indienen bij de redactie" }).click();
    await expect(notice(author, "Je tekst is ingediend bij de redactie. Dank je wel!")).toBeVisible();
    await expect(author.getByText("Status: ingediend")).toBeVisible();
    const history = author.getByRole("region", { name: "Versies en opmerkingen" });
    await expect(history.getByRole("listitem").filter({ hasText: /^Versie \d/ })).toHaveCount(3);
    await expect(history.getByRole("listitem").first()).toContainText(`Versie 3 — `);
    await expect(history.getByRole("listitem").first()).toContainText(`${words(FINAL_TEXT)} woorden — ingediend`);
    await expectAccessible(author);
  });

  await test.step("the editor sees what changed, makes the portrait final and publishes it", async () => {
    await editor.goto(`${ADMIN}/portretten`);
    await expect(h1(editor, "Portretten")).toBeVisible();
    await expect(editor.getByRole("row").filter({ hasText: SUBJECT }).getByRole("cell").nth(2)).toHaveText("ingediend");
    await expectAccessible(editor);
    await editor.getByRole("link", { name: SUBJECT }).click();
    await expect(h1(editor, SUBJECT)).toBeVisible();
    await expect(editor.getByText(`Auteur: ${AUTHOR_NAME} · Status: ingediend`)).toBeVisible();
    const diff = editor.getByRole("region", { name: "Verschillen tussen versies" });
    await expect(diff.getByLabel("Van versie")).toHaveValue("2");
    await expect(diff.getByLabel("Naar versie")).toHaveValue("3");
    await expect(diff).toContainText("Van versie 2 naar versie 3: 1 wijziging.");
    await expect(diff.locator(".lauwer-bw-diff__text ins")).toHaveCount(1);
    await expect(diff.locator(".lauwer-bw-diff__text ins")).toContainText(`toegevoegd: ${ADDED}`);
    await expect(diff.locator(".lauwer-bw-diff__text del")).toHaveCount(0);
    await expectAccessible(editor);

    // From the first draft: the short sentence is gone, the portrait came in.
    await diff.getByLabel("Van versie").selectOption("1");
    await diff.getByRole("button", { name: "Vergelijken" }).click();
    await expect(editor).toHaveURL(/van=1&naar=3/);
    await expect(diff).toContainText(/Van versie 1 naar versie 3: \d+ wijzigingen\./);
    await expect(diff.locator(".lauwer-bw-diff__text ins").first()).toBeVisible();
    await expectAccessible(editor);

    await editor.getByRole("button", { name: "Maak definitief" }).click();
    await expect(notice(editor, "Het portret is definitief; de auteur krijgt bericht.")).toBeVisible();
    await expect(editor.getByText(`Auteur: ${AUTHOR_NAME} · Status: definitief`)).toBeVisible();
    await expect(editor.getByRole("button", { name: "Teruggeven aan de auteur" })).toHaveCount(0);
    await expectAccessible(editor);
    await editor.getByRole("button", { name: "Publiceer" }).click();
    await expect(notice(editor, "Het portret is gepubliceerd.")).toBeVisible();
    await expect(editor.getByText(/Status: definitief \(gepubliceerd op .+\)/)).toBeVisible();
    await expect(editor.getByRole("button", { name: "Publicatie intrekken" })).toBeVisible();
    await expectAccessible(editor);

    await openLatestMail(editor, AUTHOR, `Het portret van ${SUBJECT} is definitief`);
  });

  await test.step("the author sees the portrait is final and can no longer change it", async () => {
    await author.goto(manuscriptPath);
    await expect(author.getByText("Status: definitief (gepubliceerd)")).toBeVisible();
    await expect(author.getByText("Je portret is definitief. Dank je wel!")).toBeVisible();
    await expect(author.getByLabel("Je tekst")).toHaveAttribute("readonly", "");
    await expect(author.getByRole("button", { name: "Versie bewaren" })).toHaveCount(0);
    await expectAccessible(author);
    await author.context().close();
  });

  await test.step("a visitor finds the subject among the portraits and reads the published text", async () => {
    const visitor = await openAs(browser, baseURL, errors);
    await visitor.goto(`${BOOK}/portretten`);
    await expect(h1(visitor, `De portretten van ${PROJECT}`)).toBeVisible();
    await expect(visitor.getByText("Deze 98 ambtenaren heeft de redactie gekozen.", { exact: false })).toBeVisible();
    const row = visitor.getByRole("row").filter({ hasText: SUBJECT });
    await expect(row).toContainText("1871–1950");
    await expect(row).toContainText("1895–1936");
    await expect(row).toContainText("Rijksarchief in Noord-Brabant, rijksarchivaris");
    await expectAccessible(visitor);
    await row.getByRole("link", { name: `Lees het portret van ${SUBJECT}` }).click();

    await expect(h1(visitor, SUBJECT)).toBeVisible();
    await expectPath(visitor, proposalPath.replace("/voordrachten/", "/portretten/"));
    await expect(visitor.getByText(`Door ${AUTHOR_NAME}`, { exact: true })).toBeVisible();
    await expect(visitor.getByText(`${words(FINAL_TEXT)} woorden`)).toBeVisible();
    const body = visitor.locator(".lauwer-portrait");
    await expect(body.getByText(ADDED, { exact: true })).toBeVisible();
    await expect(body).toContainText(SUBMITTED_TEXT.split("\n\n")[0]!.slice(0, 80));
    await expect(visitor.getByRole("link", { name: SOURCE.title })).toHaveAttribute("href", SOURCE.url);
    await expectAccessible(visitor);
    await visitor.context().close();
  });

  expect(errors, "console errors in the other browser contexts").toEqual([]);
});

test("the project page in English", async ({ page }) => {
  await page.goto(BOOK);
  await expect(h1(page, PROJECT)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(h1(page, "Civil servants! 200 years of working for the Netherlands in 100 portraits")).toBeVisible();
  for (const name of ["Take part", "Progress", "Schedule", "Themes"])
    await expect(page.getByRole("heading", { level: 2, name, exact: true })).toBeVisible();
  await expect(page.getByText("Period: 1814–2014")).toBeVisible();
  await expect(page.getByRole("link", { name: "Browse and endorse the proposals" })).toBeVisible();
  await expect(page.getByText("Water management", { exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "The selected portraits" }).click();
  await expect(h1(page, "The portraits of Civil servants! 200 years of working for the Netherlands in 100 portraits")).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Civil servant" })).toBeVisible();
  await expectAccessible(page);
});

test("a member is refused the editors' pages of the book", async ({ page }) => {
  await logInAs(page, "lid56@lauwer.test");
  for (const path of [ADMIN, `${ADMIN}/voordrachten`, `${ADMIN}/toewijzing`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(h1(page, "Geen toegang")).toBeVisible();
    await expectAccessible(page);
  }
});
