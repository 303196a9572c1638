import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, expectAccessible, logIn, openLatestMail } from "./fixtures";

// Steps of the jury awards (Overheidsmanager, Overheidsorganisatie 2.0) run end to end in the
// browser: each step is what a person does on the pages, starting where a real organizer starts (the
// edition's control room and its menu). The demo jury rounds score on three criteria (Impact weighs
// 2, scale 1–10, a comment is required below 4).

export const ORGANIZER = "organisator@lauwer.test";

export async function logInAs(page: Page, email: string) {
  await logIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await expectAccessible(page);
}

/** From the header's account link to one of the pages the user's roles open ("Mijn prijzen", "Jury"). */
export async function fromAccount(page: Page, link: string) {
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Mijn account" }).click();
  // The landing page may have the same link: wait for the account page before following it.
  await expect(page.getByRole("heading", { level: 1, name: "Mijn account" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("main").getByRole("link", { name: link, exact: true }).click();
  await expectAccessible(page);
}

export async function logOut(page: Page) {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");
  await expectAccessible(page);
}

/** An edition as the pages name it: the award's name and the year. */
export interface Edition {
  award: string;
  slug: string;
  year: number;
}
export const title = (e: Edition) => `${e.award} ${e.year}`;

/** A datetime-local value in Amsterdam time, `hours` from now. */
export function amsterdam(hours: number): string {
  const at = new Date(Date.now() + hours * 3_600_000);
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const p = (type: string) => parts.find((x) => x.type === type)!.value;
  return `${p("year")}-${p("month")}-${p("day")}T${p("hour")}:${p("minute")}`;
}

/** As the organizer: a new edition from the overview of awards, copying last year's. Lands on its procedure page. */
export async function createEdition(page: Page, e: Edition) {
  await fromAccount(page, "Mijn prijzen");
  await page.getByRole("link", { name: `Nieuwe editie van ${e.award}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Nieuwe editie van ${e.award}` })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Jaar").fill(String(e.year));
  await page.getByRole("button", { name: "Editie aanmaken" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Instellingen en procedure: ${title(e)}` })).toBeVisible();
  await expectAccessible(page);
}

/** As the organizer: from the overview of awards to the edition's control room. */
export async function openEdition(page: Page, e: Edition) {
  await fromAccount(page, "Mijn prijzen");
  await page.getByRole("link", { name: `Beheer ${title(e)}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Overzicht: ${title(e)}` })).toBeVisible();
  await expectAccessible(page);
}

/** Anyone: from the home page to the award's latest edition (the new one). */
export async function openPublicEdition(page: Page, e: Edition) {
  await page.goto("/");
  await page.getByRole("link", { name: e.award, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: title(e) })).toBeVisible();
  await expectAccessible(page);
}

/** The edition's menu (the open block at desktop width). */
export const editionMenu = (page: Page, e: Edition) => page.getByRole("navigation", { name: `Beheer van ${title(e)}` });

export async function goToMenu(page: Page, e: Edition, item: string) {
  await editionMenu(page, e).getByRole("link", { name: item, exact: true }).click();
  await expectAccessible(page);
}

/** As the organizer, anywhere in the edition: back to the control room. */
export async function controlRoom(page: Page, e: Edition) {
  await goToMenu(page, e, "Overzicht");
  await expect(page.getByRole("heading", { level: 1, name: `Overzicht: ${title(e)}` })).toBeVisible();
}

/** The control room's first next action: its text, then its primary button. */
export async function nextAction(page: Page, e: Edition, text: string | RegExp, button: string) {
  await controlRoom(page, e);
  const next = page.getByRole("region", { name: "Nu te doen" });
  await expect(next.getByRole("paragraph").first()).toHaveText(text);
  await next.getByRole("link", { name: button, exact: true }).click();
  await expectAccessible(page);
}

/** As the organizer: the nomination window in the edition settings (Amsterdam time, hours from now). */
export async function setNominationWindow(page: Page, e: Edition, opens: number, closes: number) {
  await goToMenu(page, e, "Instellingen en procedure");
  const settings = page.locator("details").filter({ has: page.getByText("Instellingen van de editie bewerken", { exact: true }) });
  if (!(await settings.getAttribute("open"))) await settings.getByText("Instellingen van de editie bewerken", { exact: true }).click();
  await settings.getByLabel("Nomineren opent (tijd in Nederland)").fill(amsterdam(opens));
  await settings.getByLabel("Nomineren sluit (tijd in Nederland)").fill(amsterdam(closes));
  await settings.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status")).toContainText("Opgeslagen.");
  await expectAccessible(page);
}

/** As the organizer: the minimum number of sheets per candidate of a jury round, set before it opens. */
export async function setMinScores(page: Page, e: Edition, position: number, name: string, minScores: number) {
  await goToMenu(page, e, "Instellingen en procedure");
  await page.locator(`#round-${position}-item > summary`).click();
  const form = page.getByRole("group", { name: `Ronde ${position}: ${name}`, exact: true });
  await form.getByLabel("Minimum aantal beoordelingen per kandidaat").fill(String(minScores));
  await form.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status")).toContainText("Opgeslagen.");
  await expectAccessible(page);
}

export interface PersonNominee {
  name: string;
  organisation: string;
  email: string;
  motivation: string;
}
export interface OrganisationNominee {
  name: string;
  category: string;
  email: string;
  pitch: string;
  story: string;
}

async function openNominationForm(page: Page, e: Edition) {
  await openPublicEdition(page, e);
  await page.getByRole("navigation", { name: "Deze editie" }).getByRole("link", { name: "Nomineren" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Nomineren voor ${e.award}` })).toBeVisible();
  await expectAccessible(page);
}

async function sendNomination(page: Page, name: string) {
  await page.getByLabel("Jouw relatie tot de genomineerde").fill("collega");
  await page.getByRole("button", { name: "Nominatie versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Je nominatie is ontvangen");
  await expect(page.getByRole("article", { name })).toContainText("Wacht op beoordeling");
  await expectAccessible(page);
}

/** As a member (logged in): nominates a person from the edition's public page. */
export async function nominatePerson(page: Page, e: Edition, n: PersonNominee) {
  await openNominationForm(page, e);
  // The form starts with no category chosen: the edition's first one.
  await page.getByLabel("Categorie").selectOption({ index: 1 });
  await page.getByLabel("Naam van de genomineerde").fill(n.name);
  await page.getByLabel("Organisatie van de genomineerde").fill(n.organisation);
  await page.getByLabel("E-mailadres van de genomineerde").fill(n.email);
  await page.getByLabel("Motivatie").fill(n.motivation);
  await sendNomination(page, n.name);
}

/** As a member (logged in): nominates an organisation with a short pitch and a one-page story. */
export async function nominateOrganisation(page: Page, e: Edition, n: OrganisationNominee) {
  await openNominationForm(page, e);
  await page.getByLabel("Categorie").selectOption({ label: n.category });
  await page.getByLabel("Naam van de organisatie").fill(n.name);
  await page.getByLabel("E-mailadres van de organisatie").fill(n.email);
  await page.getByLabel("Korte pitch").fill(n.pitch);
  await page.getByLabel("Het verhaal").fill(n.story);
  await sendNomination(page, n.name);
}

/** A visitor: an approved organisation is a public candidate, with its pitch and its story. */
export async function expectCandidate(page: Page, e: Edition, o: OrganisationNominee) {
  await openPublicEdition(page, e);
  await page.getByRole("navigation", { name: "Deze editie" }).getByRole("link", { name: "Kandidaten" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kandidaten" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: o.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: o.name })).toBeVisible();
  await expect(page.getByText(o.pitch, { exact: true })).toBeVisible();
  await expect(page.getByText(o.story, { exact: true })).toBeVisible();
  await expectAccessible(page);
}

/** The nominee (no account): consents through the mailed link. */
export async function consent(page: Page, e: Edition, email: string) {
  const link = await openLatestMail(page, email, `Je bent genomineerd voor ${e.award}`);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Toestemming voor je nominatie" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Ik geef toestemming" }).click();
  await expect(page.getByRole("status")).toContainText("Dank je wel voor je toestemming");
  await expectAccessible(page);
}

/** As the organizer: approves the waiting nominations, from the control room's next action. */
export async function approveAll(page: Page, e: Edition, names: string[]) {
  await nextAction(page, e, `${names.length} nominaties wachten op moderatie.`, "Modereer de nominaties");
  for (const name of names) {
    const approve = page.getByRole("button", { name: `${name} goedkeuren` });
    await approve.click();
    // The notice still says "Goedgekeurd" from the previous name: wait for this name's row to be
    // approved (its button gone) before the next click, which would otherwise interrupt this one.
    await expect(approve).toHaveCount(0);
    await expect(page.getByRole("status").first()).toContainText("Goedgekeurd");
  }
  await expectAccessible(page);
}

/** As the organizer: invites a juror from the edition's jury page; the juror accepts (logs in as them). */
export async function inviteJuror(page: Page, e: Edition, email: string) {
  await goToMenu(page, e, "Jury en uitnodigingen");
  await expect(page.getByRole("heading", { level: 1, name: `Jury: ${title(e)}` })).toBeVisible();
  await page.getByLabel("E-mailadressen").fill(email);
  await page.getByRole("button", { name: "Uitnodigen" }).click();
  await expect(page.getByRole("status")).toContainText("De uitnodigingen zijn verstuurd.");
  await expectAccessible(page);
}

/** As the invited person, signed in with the invited address (which gave the place, ADR 0031): the mailed link says so. */
export async function acceptJuryInvitation(page: Page, e: Edition, email: string) {
  const link = await openLatestMail(page, email, `Uitnodiging voor de jury van ${title(e)}`);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Uitnodiging voor de jury" })).toBeVisible();
  await expect(page.getByText(`Je zit in de jury van ${title(e)}: deze uitnodiging is van jou.`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Naar je jurywerk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jury" })).toBeVisible();
  await expectAccessible(page);
}

/** As the organizer: opens a round left without a window, from the control room. */
export async function openRound(page: Page, e: Edition, position: number, name: string) {
  await nextAction(page, e, `${name} (ronde ${position}) kan beginnen: open de ronde.`, "Naar de ronde om te openen");
  await page.getByRole("button", { name: "Ronde nu openen" }).click();
  await expect(page.getByRole("status")).toContainText("De ronde is geopend.");
  await expectAccessible(page);
}

/** As the organizer: closes a running round from the control room; a top-K round advances at once. */
export async function closeRound(page: Page, e: Edition, position: number, name: string) {
  await nextAction(
    page,
    e,
    `${name} (ronde ${position}) loopt zonder vaste eindtijd: sluit de ronde als iedereen klaar is.`,
    "Naar de ronde om te sluiten",
  );
  await page.getByRole("button", { name: "Ronde nu sluiten" }).click();
  await expect(page.getByRole("status")).toContainText("De ronde is gesloten.");
  await expectAccessible(page);
}

/**
 * As the organizer: confirms and announces a jury shortlist from the control room, after checking
 * who goes on (in order of place) in the round's advancement table.
 */
export async function confirmShortlist(page: Page, e: Edition, position: number, name: string, goesOn: string[]) {
  await nextAction(page, e, `${name} (ronde ${position}) is gesloten: bevestig de shortlist.`, "Bevestig de shortlist");
  const advancement = page.getByRole("region", { name: /^Door naar de volgende ronde/ });
  const rows = advancement.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows).toHaveCount(goesOn.length);
  for (const [i, who] of goesOn.entries()) await expect(rows.nth(i).getByRole("cell").nth(1)).toHaveText(who);
  await page.getByRole("button", { name: "Shortlist bevestigen en bekendmaken" }).click();
  await expect(page.getByRole("status")).toContainText("De shortlist is bevestigd en bekendgemaakt.");
  await expectAccessible(page);
}

const CRITERIA = ["Impact", "Vakmanschap", "Samenwerking"] as const;
export type Sheet = readonly [number, number, number];

const scoreRadio = (page: Page, name: (typeof CRITERIA)[number], value: number) =>
  page.getByRole("radiogroup", { name }).getByRole("radio", { name: new RegExp(`^${value}( |$)`) });

/**
 * As a juror (logged in): scores every candidate of a round from the jury overview, one after the
 * other with "Opslaan en volgende"; `sheets` by candidate name, one for each candidate of the round.
 */
export async function scoreRound(
  page: Page,
  e: Edition,
  roundName: string,
  sheets: Map<string, Sheet>,
  /** Texts the juror reads in a candidate's dossier (an organisation's pitch and story). */
  dossiers?: Map<string, string[]>,
) {
  await fromAccount(page, "Jury");
  await page.getByRole("link", { name: `${title(e)}: ${roundName}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${title(e)}: ${roundName}` })).toBeVisible();
  const rows = page
    .getByRole("table")
    .getByRole("row")
    .filter({ has: page.getByRole("link") });
  await expect(rows).toHaveCount(sheets.size);
  await expect(page.getByText(`0 van ${sheets.size} beoordeeld`)).toBeVisible();
  await expectAccessible(page);
  await rows.first().getByRole("link").click();
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).not.toHaveText(`${title(e)}: ${roundName}`);
  for (let i = 0; i < sheets.size; i++) {
    await expect(page.getByRole("radio", { checked: true })).toHaveCount(0);
    const name = (await heading.textContent())!.trim();
    const sheet = sheets.get(name);
    expect(sheet, `a sheet for ${name}`).toBeDefined();
    for (const text of dossiers?.get(name) ?? []) await expect(page.getByText(text, { exact: true })).toBeVisible();
    await expectAccessible(page);
    for (const [j, criterion] of CRITERIA.entries()) await scoreRadio(page, criterion, sheet![j]!).check();
    const last = i === sheets.size - 1;
    await page.getByRole("button", { name: last ? "Opslaan" : "Opslaan en volgende", exact: true }).click();
    await expect(page.getByRole("status")).toContainText("Je beoordeling is opgeslagen.");
    await expect(page.getByText(`${i + 1} van ${sheets.size} beoordeeld`)).toBeVisible();
    if (!last) await expect(heading).not.toHaveText(name);
  }
  await expect(page.getByRole("heading", { level: 1, name: `${title(e)}: ${roundName}` })).toBeVisible();
  await expect(page.getByRole("table").getByRole("cell", { name: "beoordeeld", exact: true })).toHaveCount(sheets.size);
  await expectAccessible(page);
}

export interface JuryPrize {
  nl: string;
  en: string;
  /** The jury round as the form lists it, e.g. "3. Finale". */
  round: string;
  places: number;
}

/** As the organizer: from the control room's last action, adds the jury prize and publishes the results. */
export async function publishResults(page: Page, e: Edition, prize: JuryPrize) {
  await nextAction(page, e, "Alle rondes zijn gesloten: publiceer de uitslag.", "Publiceer de uitslag");
  await expect(page.getByRole("heading", { level: 1, name: `Uitslag en prijzen: ${title(e)}` })).toBeVisible();
  const form = page.getByRole("group", { name: "Nieuwe prijs" });
  await form.getByLabel("Soort prijs").selectOption({ label: "Juryprijs" });
  await form.getByLabel("Naam (Nederlands)").fill(prize.nl);
  await form.getByLabel("Naam (Engels)").fill(prize.en);
  await form.getByLabel("Juryronde").selectOption({ label: prize.round });
  await form.getByLabel("Aantal plaatsen").fill(String(prize.places));
  await page.getByRole("button", { name: "Prijs toevoegen" }).click();
  await expect(page.getByRole("status")).toContainText("De prijs is toegevoegd.");
  await expect(page.getByRole("region", { name: "Voorbeeld" }).getByRole("heading", { name: prize.nl })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Uitslag publiceren" }).click();
  await expect(page.getByRole("status")).toContainText("De uitslag is gepubliceerd en vastgelegd met een hash.");
  await expectAccessible(page);
}

/** A visitor: the public results page names the winner of the prize (per category). */
export async function expectWinner(page: Page, e: Edition, prize: string, category: string, winner: string) {
  await openPublicEdition(page, e);
  await page.getByRole("navigation", { name: "Deze editie" }).getByRole("link", { name: "Uitslag" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Uitslag ${title(e)}` })).toBeVisible();
  const winners = page.getByRole("region", { name: "Winnaars" });
  await expect(winners.getByRole("listitem").filter({ hasText: `${prize} — ${category}:` })).toHaveText(
    `${prize} — ${category}: ${winner}`,
  );
  await expectAccessible(page);
}
