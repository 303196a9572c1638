import { createHash } from "node:crypto";
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, expectAccessible, logIn, openLatestMail, test, uniqueEmail } from "./fixtures";

// Demo data for the current year: "Overheidsmanager van het Jaar" has an open jury round 2 (Interviews)
// with the eight candidates of the closed shortlist and three criteria (Impact weighs 2; scale 1–10; a
// comment is required below 4). The demo juror (jurylid@) sits on every demo jury and scores nothing
// here, so a reminder always reaches them. Jurors who score are invited by the test itself, so the
// tests can run in any order and in parallel. "Jonge Ambtenaar van het Jaar" has an open public vote in
// round 2; only the results test publishes it.
const YEAR = new Date().getFullYear();
const MANAGER = `Overheidsmanager van het Jaar ${YEAR}`;
const JURY_ADMIN = `/beheer/prijzen/overheidsmanager/${YEAR}/jury`;
const ROUND_ADMIN = `${JURY_ADMIN}/2`;
const WORKLIST = `/jury/overheidsmanager/${YEAR}/2`;
// Results are published only when every round a prize uses has closed: last year's edition (seeded,
// finished and published as version 1) gets new prizes and a second version with a reason.
const PAST = YEAR - 1;
const YOUNG = `Jonge Ambtenaar van het Jaar ${PAST}`;
const RESULTS_ADMIN = `/beheer/prijzen/jonge-ambtenaar/${PAST}/uitslag`;
const RESULTS = `/prijzen/jonge-ambtenaar/${PAST}/uitslag`;
const CRITERIA = ["Impact", "Vakmanschap", "Samenwerking"] as const;

async function logInAs(page: Page, email: string, password = DEMO_PASSWORD) {
  await logIn(page, email, password);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await expectAccessible(page);
}

async function logOut(page: Page) {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");
  await expectAccessible(page);
}

/** As the organizer (logged in): invites one address to the jury of the manager award; returns nothing, the mail has the link. */
async function invite(page: Page, email: string, category?: string) {
  await page.goto(JURY_ADMIN);
  await expect(page.getByRole("heading", { level: 1, name: `Jury: ${MANAGER}` })).toBeVisible();
  await page.getByLabel("E-mailadressen").fill(email);
  if (category) await page.getByRole("group", { name: "Categorieën" }).getByRole("checkbox", { name: category }).check();
  await page.getByRole("button", { name: "Uitnodigen" }).click();
  await expect(page.getByRole("status")).toContainText("De uitnodigingen zijn verstuurd.");
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText(/open \(geldig tot .+\)/);
  await expectAccessible(page);
}

/**
 * Follows the newest jury invitation mailed to `email` with the account that is logged in: signing in
 * with the invited address already gave the place (ADR 0031), and the link says so.
 */
async function acceptInvite(page: Page, email: string) {
  const link = await openLatestMail(page, email, `Uitnodiging voor de jury van ${MANAGER}`);
  expect(new URL(link).pathname).toBe("/jury/uitnodiging");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Uitnodiging voor de jury" })).toBeVisible();
  await expect(page.getByText(`Je zit in de jury van ${MANAGER}: deze uitnodiging is van jou.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Uitnodiging aannemen" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Naar je jurywerk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jury" })).toBeVisible();
  await expect(page.getByRole("link", { name: `${MANAGER}: Interviews` })).toBeVisible();
  await expectAccessible(page);
  return link;
}

/** The page's path, whatever notice or query follows it. */
const expectPath = (page: Page, path: string) => expect.poll(() => new URL(page.url()).pathname).toBe(path);

const criterion = (page: Page, name: (typeof CRITERIA)[number]) =>
  page.getByRole("group", { name: new RegExp(`^${name} \\(weging \\d\\)$`) });
const scale = (page: Page, name: (typeof CRITERIA)[number]) => page.getByRole("radiogroup", { name });
/** The radio for a score; scores with an anchor (1, 5, 10) are named "5 voldoende" and so on. */
const scoreRadio = (page: Page, name: (typeof CRITERIA)[number], value: number) =>
  scale(page, name).getByRole("radio", { name: new RegExp(`^${value}( |$)`) });

async function fillSheet(page: Page, scores: readonly [number, number, number]) {
  for (const [i, name] of CRITERIA.entries()) await scoreRadio(page, name, scores[i]!).check();
}

/** Weighted score on 0–100 for the demo criteria (Impact ×2, scale 1–10), as the organizer's table shows it. */
const weighted = ([impact, craft, teamwork]: readonly [number, number, number]) =>
  ((((impact - 1) / 9) * 2 + (craft - 1) / 9 + (teamwork - 1) / 9) / 4) * 100;

test("a juror declares a conflict and scores the others with save-and-next; the organizer follows progress and reminds", async ({
  page,
}) => {
  // Seven sheets, each page checked with axe: longer than the default minute on a busy machine.
  test.setTimeout(600_000); // a hang guard only: a busy machine may take many times as long
  // A demo member joins this jury for this test only.
  const juror = "lid07@lauwer.test";
  await logInAs(page, "organisator@lauwer.test");
  await invite(page, juror);
  await logOut(page);
  await logInAs(page, juror);
  await acceptInvite(page, juror);

  await page.getByRole("link", { name: `${MANAGER}: Interviews` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${MANAGER}: Interviews` })).toBeVisible();
  await expect(page.getByText(/^De jurering loopt tot /)).toBeVisible();
  await expect(page.getByText("0 van 8 beoordeeld")).toBeVisible();
  const worklist = page.getByRole("table");
  const rows = worklist.getByRole("row").filter({ has: page.getByRole("link") });
  await expect(rows).toHaveCount(8);
  await expect(rows.filter({ hasText: "nog te doen" })).toHaveCount(8);
  await expectAccessible(page);
  const names = (await rows.getByRole("link").allTextContents()).map((n) => n.trim());
  const ids = await rows.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")!.split("/").pop()!));
  const row = (name: string) => worklist.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });

  // A conflict of interest for the first candidate: a reason is required.
  await page.getByRole("link", { name: names[0], exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: names[0] })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Dossier" })).toBeVisible();
  await expect(scoreRadio(page, "Impact", 10)).toHaveAccessibleName("10 uitmuntend");
  await expect(scoreRadio(page, "Impact", 5)).toHaveAccessibleName("5 voldoende");
  await expect(scoreRadio(page, "Impact", 1)).toHaveAccessibleName("1 zwak");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Belangenverstrengeling melden" }).click();
  await expect(page.getByLabel("Reden")).toHaveAccessibleDescription("Geef een reden (minstens 3 tekens).");
  await expectAccessible(page);
  await page.getByLabel("Reden").fill("Oud-collega van mijn afdeling");
  await page.getByRole("button", { name: "Belangenverstrengeling melden" }).click();
  await expect(page.getByRole("status")).toContainText("Je belangenverstrengeling is vastgelegd.");
  await expectPath(page, WORKLIST);
  await expect(row(names[0]!)).toContainText("niet (belangenverstrengeling)");
  await expect(page.getByText("0 van 7 beoordeeld")).toBeVisible();
  await expectAccessible(page);

  // The recused candidate can be read, not scored.
  await page.getByRole("link", { name: names[0], exact: true }).click();
  await expect(page.getByText("Je hebt belangenverstrengeling gemeld voor deze kandidaat.")).toBeVisible();
  await expect(page.getByRole("radio")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Belangenverstrengeling melden" })).toHaveCount(0);
  await expectAccessible(page);

  // The third candidate is scored in between, and saved without moving on.
  const sheets = new Map<string, readonly [number, number, number]>();
  await page.goto(`${WORKLIST}/${ids[2]}`);
  await expect(page.getByRole("heading", { level: 1, name: names[2] })).toBeVisible();
  sheets.set(names[2]!, [8, 7, 9]);
  await fillSheet(page, sheets.get(names[2]!)!);
  await expect(page.getByText(/^Automatisch opgeslagen om \d{2}:\d{2}$/)).toBeVisible();
  await page.getByRole("button", { name: "Tussentijds opslaan" }).click();
  await expect(page.getByText(/^Automatisch opgeslagen om \d{2}:\d{2}$|^Opgeslagen om \d{2}:\d{2}$/)).toBeVisible();
  await expectPath(page, `${WORKLIST}/${ids[2]}`);
  await expectAccessible(page);
  await page.reload();
  for (const [i, name] of CRITERIA.entries()) await expect(scoreRadio(page, name, sheets.get(names[2]!)![i]!)).toBeChecked();
  await expect(page.getByText("1 van 7 beoordeeld")).toBeVisible();

  // The second candidate: a low score without a comment is refused, with the message focused.
  await page.getByRole("link", { name: "Terug naar de lijst" }).click();
  await expect(row(names[2]!).getByRole("cell").last()).toHaveText("beoordeeld");
  await page.getByRole("link", { name: names[1], exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: names[1] })).toBeVisible();
  sheets.set(names[1]!, [2, 6, 7]);
  await fillSheet(page, sheets.get(names[1]!)!);
  await page.getByRole("button", { name: "Opslaan en volgende" }).click();
  const error = page.locator("#form-error");
  await expect(error).toHaveText("Nog niet alles is goed ingevuld. Zie de meldingen hieronder.");
  await expect(error).toBeFocused();
  const impactComment = criterion(page, "Impact").getByRole("textbox", { name: "Toelichting (verplicht bij een score onder 4)" });
  await expect(impactComment).toHaveAccessibleDescription("Geef een toelichting bij deze lage score.");
  await expectPath(page, `${WORKLIST}/${ids[1]}`);
  await expect(scoreRadio(page, "Impact", 2)).toBeChecked();
  await expectAccessible(page);
  await impactComment.fill("Weinig zichtbaar effect buiten de eigen afdeling.");
  await page.getByRole("button", { name: "Opslaan en volgende" }).click();

  // Save-and-next skips the candidate already scored and lands on the fourth, with an empty sheet.
  await expect(page.getByRole("heading", { level: 1, name: names[3] })).toBeVisible();
  await expectPath(page, `${WORKLIST}/${ids[3]}`);
  await expect(page.getByRole("status")).toContainText("Je beoordeling is opgeslagen.");
  await expect(page.getByText("2 van 7 beoordeeld")).toBeVisible();
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(0);
  await expect(page.locator("#form-error")).toHaveCount(0);
  await expect(criterion(page, "Impact").getByRole("textbox")).toHaveValue("");
  await expectAccessible(page);
  // The comment was typed just before save-and-next, so an autosave (0.8 s after a change) was pending:
  // it belongs to the sheet that was saved, never to this one. Waited out: no save was sent for this
  // candidate, no field is marked wrong, and the server has nothing new.
  const savesHere: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().includes(ids[3]!)) savesHere.push(r.url());
  });
  await page.waitForTimeout(2000);
  expect(savesHere).toEqual([]);
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
  await page.reload();
  await expect(page.getByText("2 van 7 beoordeeld")).toBeVisible();
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(0);

  // The rest, one after another; the last sheet has "Opslaan" and returns to the list.
  for (let i = 3; i < names.length; i++) {
    await expect(page.getByRole("heading", { level: 1, name: names[i] })).toBeVisible();
    await expect(page.getByRole("radio", { checked: true })).toHaveCount(0);
    const sheet = [4 + (i % 6), 9 - (i % 5), 5 + (i % 4)] as const;
    sheets.set(names[i]!, sheet);
    await fillSheet(page, sheet);
    const last = i === names.length - 1;
    await expect(page.getByRole("button", { name: last ? "Opslaan" : "Opslaan en volgende", exact: true })).toBeVisible();
    await page.getByRole("button", { name: last ? "Opslaan" : "Opslaan en volgende", exact: true }).click();
    await expect(page.getByRole("status")).toContainText("Je beoordeling is opgeslagen.");
    await expect(page.getByText(`${i} van 7 beoordeeld`)).toBeVisible();
    await expectAccessible(page);
  }
  await expectPath(page, WORKLIST);
  await expect(page.getByText("7 van 7 beoordeeld")).toBeVisible();
  await expect(worklist.getByRole("cell", { name: "niet (belangenverstrengeling)", exact: true })).toHaveCount(1);
  await expect(worklist.getByRole("cell", { name: "beoordeeld", exact: true })).toHaveCount(7);
  await expectAccessible(page);
  await logOut(page);

  // The organizer sees each juror's progress and the live ranking with its spread.
  await logInAs(page, "organisator@lauwer.test");
  await page.goto(JURY_ADMIN);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Jurering: Interviews" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Jurering Interviews (${MANAGER})` })).toBeVisible();
  const progress = page.getByRole("region", { name: "Voortgang" });
  await expect(progress.getByRole("row").filter({ hasText: "Demolid 7" })).toContainText("7 van 7 beoordeeld");
  await expect(progress.getByRole("row").filter({ hasText: "Julia de Jury" })).toContainText("0 van 8 beoordeeld");
  const ranking = page.getByRole("region", { name: "Tussenstand van de jury" });
  await expect(ranking.getByText("Alleen organisatoren zien deze ranglijst.")).toBeVisible();
  for (const [name, sheet] of sheets) {
    // A Dutch page writes one decimal with a comma.
    const value = weighted(sheet).toFixed(1).replace(".", ",");
    const r = ranking.getByRole("row").filter({ hasText: name });
    await expect(r.getByRole("cell").nth(2)).toHaveText(value);
    await expect(r.getByRole("cell").nth(4)).toHaveText(`min ${value}, max ${value}, sd 0,0`);
  }
  await expect(ranking.getByRole("row").filter({ hasText: names[0]! }).getByRole("cell").nth(2)).toHaveText("—");
  await expect(page.getByText("De jurering is geopend: de criteria liggen vast.")).toBeVisible();
  await expect(page.getByRole("group", { name: "1. Impact" }).getByLabel("Weging")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Criterium toevoegen" })).toHaveCount(0);
  await expectAccessible(page);

  // A reminder goes to jurors with open sheets (the demo juror), not to the one who finished; a second
  // reminder right after is refused.
  const remind = page.getByRole("button", { name: "Herinnering sturen aan juryleden met open beoordelingen" });
  await remind.click();
  await expect(page.getByRole("status")).toContainText("De herinneringen zijn verstuurd aan juryleden met open beoordelingen.");
  await expect(page).toHaveURL(/herinnerd=[1-9]/);
  await expectAccessible(page);
  await remind.click();
  await expect(page.locator("#form-error")).toContainText(/Er is net een herinnering verstuurd\. Probeer het over 1[45] minuten opnieuw\./);
  await expectAccessible(page);

  const link = await openLatestMail(page, "jurylid@lauwer.test", `Herinnering: jurering ${MANAGER}`);
  expect(new URL(link).pathname).toBe(WORKLIST);
  await expect(page.getByText(`Voor Interviews van ${MANAGER} staan nog 8 beoordelingen van jou open.`)).toBeVisible();
  await page.goto("/dev/mail");
  await expectAccessible(page);
  await expect(page.getByRole("row").filter({ hasText: juror }).filter({ hasText: "Herinnering" })).toHaveCount(0);
});

test("a person invited by mail signs up and is on the jury once the address is verified; the organizer sees the invitation accepted", async ({
  page,
}) => {
  const email = uniqueEmail("jurylid");
  const name = `Jet Jurytest ${Date.now().toString(36)}`;
  const password = "een lang wachtwoord voor de jury";

  await logInAs(page, "organisator@lauwer.test");
  await page.goto(JURY_ADMIN);
  await expect(page.getByRole("heading", { level: 1, name: `Jury: ${MANAGER}` })).toBeVisible();
  await expectAccessible(page);
  // Invalid input is refused with a message on the field.
  await page.getByRole("button", { name: "Uitnodigen" }).click();
  await expect(page.locator("#error-summary")).toBeFocused();
  await expect(page.getByLabel("E-mailadressen")).toHaveAccessibleDescription(/Vul het veld ‘E-mailadressen’ in/);
  await page.getByLabel("E-mailadressen").fill(`${email}\ngeen-adres`);
  await page.getByRole("button", { name: "Uitnodigen" }).click();
  await expect(page.getByLabel("E-mailadressen")).toHaveAccessibleDescription(/Vul geldige e-mailadressen in/);
  await expectAccessible(page);
  await invite(page, email, "Algemeen");
  await expect(page.getByRole("region", { name: "Uitnodigingen" }).getByRole("row").filter({ hasText: email })).toContainText("Algemeen");
  await logOut(page);

  // The invitation needs an account: a visitor reads how to get one (the address is the way in).
  const link = await openLatestMail(page, email, `Uitnodiging voor de jury van ${MANAGER}`);
  await page.goto(link);
  await expect(page.getByText(`Nog geen account? Maak er een aan met ${email}.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Uitnodiging aannemen" })).toHaveCount(0);
  await expectAccessible(page);

  // A new account with the invited address, verified by mail.
  await page.goto("/registreren");
  await expect(page.getByRole("heading", { level: 1, name: "Registreren" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Naam").fill(name);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel(/Organisatie/).fill("Gemeente Deventer");
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  // Sign-up signs nobody in (issue #15: a taken address gets the same answer); the new owner logs in.
  await expect(page.getByRole("status")).toContainText("Kijk in je mailbox");
  await expectAccessible(page);
  const verify = await openLatestMail(page, email, "Bevestig je e-mailadres voor Lauwer");
  await page.goto(verify);
  await expectAccessible(page);
  await page.getByRole("button", { name: "E-mailadres bevestigen" }).click();
  await expect(page.getByRole("status")).toContainText("Je e-mailadres is bevestigd");
  await expectAccessible(page);
  await logIn(page, email, password);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");

  // Verifying the invited address made the new account a juror (ADR 0027): the mailed link says so and
  // offers nothing more to accept.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Uitnodiging voor de jury" })).toBeVisible();
  await expect(page.getByText(`Je zit in de jury van ${MANAGER}: deze uitnodiging is van jou.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Uitnodiging aannemen" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Naar je jurywerk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jury" })).toBeVisible();
  await page.getByRole("link", { name: `${MANAGER}: Interviews` }).click();
  await expect(page.getByText("0 van 8 beoordeeld")).toBeVisible();
  await expectAccessible(page);
  await logOut(page);
  // Used once: for anyone else the link is no longer valid.
  await logInAs(page, "lid08@lauwer.test");
  await page.goto(link);
  await expect(page.getByRole("alert")).toHaveText("Deze uitnodiging is niet (meer) geldig. Vraag de organisatie om een nieuwe.");
  await expect(page.getByRole("button", { name: "Uitnodiging aannemen" })).toHaveCount(0);
  await expectAccessible(page);
  await logOut(page);

  await logInAs(page, "organisator@lauwer.test");
  await page.goto(JURY_ADMIN);
  const invitation = page.getByRole("region", { name: "Uitnodigingen" }).getByRole("row").filter({ hasText: email });
  await expect(invitation).toContainText(`aangenomen door ${name} op `);
  const member = page.getByRole("region", { name: "Juryleden" }).getByRole("row").filter({ hasText: email });
  await expect(member.getByRole("cell")).toHaveText([name, email, "Algemeen"]);
  await expectAccessible(page);
  await page.goto(ROUND_ADMIN);
  await expect(page.getByRole("region", { name: "Voortgang" }).getByRole("row").filter({ hasText: name })).toContainText(
    "0 van 8 beoordeeld",
  );
  await expectAccessible(page);
});

test("someone outside the jury cannot open a jury round", async ({ page }) => {
  await page.goto(WORKLIST);
  await expect(page).toHaveURL(/\/inloggen/);
  await expectAccessible(page);
  await logInAs(page, "lid08@lauwer.test");
  await page.goto("/jury");
  await expect(page.getByText("Je bent (nog) geen jurylid van een editie.")).toBeVisible();
  await expectAccessible(page);
  const response = await page.goto(WORKLIST);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("table")).toHaveCount(0);
  await expectAccessible(page);
});

test("the organizer defines prizes and publishes; a visitor sees the winner, the Top 100 and a file with the same hash", async ({
  page,
}) => {
  const suffix = Date.now().toString(36);
  const publicPrize = `Publieksprijs ${suffix}`;
  const top100 = `Top 100 ${suffix}`;

  await logInAs(page, "organisator@lauwer.test");
  await page.goto(RESULTS_ADMIN);
  await expect(page.getByRole("heading", { level: 1, name: `Uitslag en prijzen: ${YOUNG}` })).toBeVisible();
  await expectAccessible(page);

  const form = page.getByRole("group", { name: "Nieuwe prijs" });
  // A public prize needs a vote round.
  await form.getByLabel("Soort prijs").selectOption({ label: "Publieksprijs" });
  await form.getByLabel("Naam (Nederlands)").fill(publicPrize);
  await form.getByLabel("Naam (Engels)").fill(`Public prize ${suffix}`);
  await page.getByRole("button", { name: "Prijs toevoegen" }).click();
  await expect(form.getByLabel("Stemronde")).toHaveAccessibleDescription(/Kies een stemronde\./);
  await expectAccessible(page);
  await form.getByLabel("Stemronde").selectOption({ label: "2. Publieksprijs" });
  await form.getByLabel("Aantal plaatsen").fill("3");
  await page.getByRole("button", { name: "Prijs toevoegen" }).click();
  await expect(page.getByRole("status")).toContainText("De prijs is toegevoegd.");
  const prizes = page.getByRole("region", { name: "Prijzen" });
  await expect(prizes.getByRole("row").filter({ hasText: publicPrize })).toContainText("2. Publieksprijs");

  // The Top 100 has no number of places.
  await form.getByLabel("Soort prijs").selectOption({ label: "Top 100" });
  await expect(form.getByLabel("Aantal plaatsen")).toHaveCount(0);
  await form.getByLabel("Naam (Nederlands)").fill(top100);
  await form.getByLabel("Naam (Engels)").fill(`Top 100 ${suffix}`);
  await form.getByLabel("Stemronde").selectOption({ label: "2. Publieksprijs" });
  await page.getByRole("button", { name: "Prijs toevoegen" }).click();
  await expect(page.getByRole("status")).toContainText("De prijs is toegevoegd.");
  await expect(prizes.getByRole("row").filter({ hasText: top100 })).toContainText("Top 100");

  // The preview shows the top of each prize before anything is published.
  const preview = page.getByRole("region", { name: "Voorbeeld" });
  await expect(preview.getByRole("heading", { name: publicPrize })).toBeVisible();
  await expect(preview.getByRole("heading", { name: top100 })).toBeVisible();
  await expect(preview).toContainText(/Algemeen: 1\. /);
  // Version 1 is out: a new version needs a reason.
  await expect(page.getByLabel("Reden voor de nieuwe versie")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Uitslag publiceren" }).click();
  await expect(page.getByText("De uitslag is al gepubliceerd. Geef een reden voor de nieuwe versie.").first()).toBeVisible();
  await page.getByLabel("Reden voor de nieuwe versie").fill("Publieksprijs en Top 100 toegevoegd");
  await page.getByRole("button", { name: "Uitslag publiceren" }).click();
  await expect(page.getByRole("status")).toContainText("De uitslag is gepubliceerd en vastgelegd met een hash.");
  await expect(page).toHaveURL(/versie=\d+/);
  const version = new URL(page.url()).searchParams.get("versie")!;
  const history = page.getByRole("region", { name: "Publiceren" }).getByRole("table");
  const published = history.getByRole("row").filter({ has: page.getByRole("cell", { name: version, exact: true }) });
  const adminHash = (await published.locator("code").textContent())!.trim();
  expect(adminHash).toMatch(/^[0-9a-f]{64}$/);
  expect(Number(version)).toBeGreaterThanOrEqual(2);
  await expect(published).toContainText("Publieksprijs en Top 100 toegevoegd");
  await expectAccessible(page);
  await logOut(page);

  // A visitor: the results page, read from the published file.
  await page.goto(RESULTS);
  await expect(page.getByRole("heading", { level: 1, name: `Uitslag ${YOUNG}` })).toBeVisible();
  const shownHash = (await page.getByTestId("snapshot-hash").textContent())!.trim();
  expect(shownHash).toBe(adminHash);
  await expect(page.getByText(new RegExp(`Deze uitslag is versie ${version}, gepubliceerd op `))).toBeVisible();
  await expectAccessible(page);

  // The downloaded file hashes to the hash shown, and it is what the page shows.
  const download = page.getByRole("link", { name: "Download het uitslagbestand (JSON)" });
  const href = (await download.getAttribute("href"))!;
  expect(href).toBe(`${RESULTS}.json?versie=${version}`);
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const bytes = await response.body();
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(shownHash);

  interface Entry {
    name: string;
    place: number;
    votes: number;
    category: string | null;
  }
  const file = JSON.parse(bytes.toString("utf8")) as {
    year: number;
    award: { slug: string };
    prizes: Array<{ kind: string; name: { nl: string }; rankings: Array<{ category: string | null; ranking: Entry[] }> }>;
  };
  expect(file.award.slug).toBe("jonge-ambtenaar");
  expect(file.year).toBe(PAST);
  const pub = file.prizes.find((p) => p.name.nl === publicPrize)!;
  const top = file.prizes.find((p) => p.name.nl === top100)!;
  expect(pub.kind).toBe("public");
  expect(top.kind).toBe("top100");
  const general = pub.rankings.find((r) => r.category === "algemeen")!;
  expect(general.ranking.length).toBe(3);
  // Places follow the votes, highest first.
  const votes = general.ranking.map((e) => e.votes);
  expect([...votes].sort((a, b) => b - a)).toEqual(votes);
  expect(votes.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  const winners = general.ranking.filter((e) => e.place === 1).map((e) => e.name);
  expect(winners.length).toBeGreaterThan(0);

  const winnersList = page.getByRole("region", { name: "Winnaars" });
  await expect(winnersList.getByRole("listitem").filter({ hasText: publicPrize })).toHaveText(
    new RegExp(`^${publicPrize} — Algemeen: ${winners.join(" en ")}`),
  );
  await expect(winnersList.getByRole("listitem").filter({ hasText: top100 })).toContainText(top.rankings[0]!.ranking[0]!.name);

  // The chart has a text equivalent: a summary and a table with every number.
  const section = page.getByRole("region", { name: publicPrize, exact: true });
  await expect(section.getByRole("img", { name: new RegExp(`^${publicPrize} — Algemeen`) })).toBeVisible();
  const table = section.getByRole("table", { name: `${publicPrize} — Algemeen: alle cijfers` });
  await expect(table.getByRole("row")).toHaveCount(1 + general.ranking.length);
  for (const [i, e] of general.ranking.entries()) {
    const cells = table.getByRole("row").nth(i + 1);
    await expect(cells.getByRole("cell").first()).toHaveText(new RegExp(`^${e.place}`));
    await expect(cells.getByRole("rowheader")).toContainText(e.name);
    await expect(cells.getByRole("cell").last()).toHaveText(String(e.votes));
  }

  // The Top 100 page lists every candidate of the vote across categories, in order.
  await page.getByRole("link", { name: "Bekijk de Top 100" }).click();
  await expect(page).toHaveURL(`/prijzen/jonge-ambtenaar/${PAST}/top-100`);
  await expect(page.getByRole("heading", { level: 1, name: top100 })).toBeVisible();
  const items = page.locator(".lauwer-top100").getByRole("listitem");
  // Only candidates that received votes, with the same counts as the public prize (the same vote).
  const list = top.rankings[0]!.ranking;
  expect(list.map((e) => e.name).sort()).toEqual(
    general.ranking
      .filter((e) => e.votes > 0)
      .map((e) => e.name)
      .sort(),
  );
  await expect(items).toHaveCount(list.length);
  for (const [i, e] of list.entries()) {
    expect(e.votes).toBe(general.ranking.find((g) => g.name === e.name)!.votes);
    await expect(items.nth(i)).toContainText(e.name);
    await expect(items.nth(i)).toContainText(`${e.votes} stemmen`);
  }
  await expectAccessible(page);
  await page.getByRole("link", { name: "Terug naar de uitslag" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Uitslag ${YOUNG}` })).toBeVisible();
});
