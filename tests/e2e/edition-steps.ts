import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, expectAccessible, logIn, openLatestMail } from "./fixtures";

/*
 * Reusable steps for running an award's edition end to end in the browser, as the people who do it:
 * an organizer (organisator@lauwer.test organizes every demo award), members who nominate and vote,
 * nominees who consent by mail, and jurors invited by mail. Every step goes through the pages and
 * links a person would use (organizer steps start from the edition's control room or its menu), checks
 * the page with axe, and leaves the browser on a page of the app. No SQL, no direct HTTP posts.
 *
 * An edition is named as the pages name it: "<award name> <year>", e.g. "Top 100 Ambtenaar van het Jaar 2027".
 */

export const ORGANIZER = "organisator@lauwer.test";

/** Escapes a text for use inside a regular expression. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The page's path, whatever notice or query follows it. */
export const expectPath = (page: Page, path: string) => expect.poll(() => new URL(page.url()).pathname).toBe(path);

/** Logs in with a demo (or any) account and checks the page that follows. */
export async function logInAs(page: Page, email: string, password = DEMO_PASSWORD) {
  await logIn(page, email, password);
  await expect(page.getByRole("status").filter({ hasText: "Je bent ingelogd" })).toBeVisible();
  await expectAccessible(page);
}

export async function logOut(page: Page) {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Je bent uitgelogd" })).toBeVisible();
  await expectAccessible(page);
}

/**
 * A date and time as a datetime-local field in the edition settings wants it: Amsterdam local time,
 * "YYYY-MM-DDTHH:mm".
 */
export function amsterdamLocal(date: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

// ---------------------------------------------------------------------------------------------------
// Organizer: finding an edition, its control room and its menu
// ---------------------------------------------------------------------------------------------------

/**
 * As an organizer (logged in): "Mijn account" in the site's account menu, then "Mijn prijzen" — the
 * list of the awards one organizes.
 */
export async function openMyAwards(page: Page) {
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Mijn account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mijn account" })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Mijn prijzen", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mijn prijzen" })).toBeVisible();
  await expectAccessible(page);
}

/** As an organizer (logged in): "Mijn prijzen", "Beheer <edition>", the control room. */
export async function openControlRoom(page: Page, edition: string) {
  await openMyAwards(page);
  await page.getByRole("link", { name: `Beheer ${edition}`, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Overzicht: ${edition}` })).toBeVisible();
  await expectAccessible(page);
}

/** The "Nu te doen" region of the control room. */
export const nextActions = (page: Page) => page.getByRole("region", { name: "Nu te doen" });

/**
 * Follows a link of the edition's menu ("Instellingen en procedure", "Jury en uitnodigingen",
 * "Uitslag"…) from any organizer page of the edition; unfolds the menu first where it is folded.
 */
export async function openFromEditionMenu(page: Page, edition: string, item: string) {
  const menu = page.getByRole("navigation", { name: `Beheer van ${edition}` });
  const link = menu.getByRole("link", { name: item, exact: true });
  if (!(await link.isVisible())) await menu.locator("summary").first().click();
  await link.click();
}

/**
 * As an organizer: "Nieuwe editie van <award>" on the list of one's awards, a year, and the new
 * edition's procedure page (texts, categories, rounds, criteria and prizes copied from the latest edition).
 */
export async function createNextEdition(page: Page, awardName: string, year: number) {
  await openMyAwards(page);
  await page.getByRole("link", { name: `Nieuwe editie van ${awardName}`, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Nieuwe editie van ${awardName}` })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Jaar").fill(String(year));
  await page.getByRole("button", { name: "Editie aanmaken" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Instellingen en procedure: ${awardName} ${year}` })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Aangemaakt");
  await expectAccessible(page);
}

/**
 * As an organizer: sets the nomination window in the edition settings (procedure page, from the
 * edition menu). Times are Dates; the form takes them in Amsterdam local time.
 */
export async function setNominationWindow(page: Page, edition: string, opens: Date, closes: Date) {
  await openControlRoom(page, edition);
  await openFromEditionMenu(page, edition, "Instellingen en procedure");
  await expect(page.getByRole("heading", { level: 1, name: `Instellingen en procedure: ${edition}` })).toBeVisible();
  await page.locator("summary", { hasText: "Instellingen van de editie bewerken" }).click();
  await page.getByLabel("Nomineren opent (tijd in Nederland)").fill(amsterdamLocal(opens));
  await page.getByLabel("Nomineren sluit (tijd in Nederland)").fill(amsterdamLocal(closes));
  await expectAccessible(page);
  await page.getByRole("button", { name: "Opslaan" }).first().click();
  await expect(page.getByRole("status")).toContainText("Opgeslagen");
  await expectAccessible(page);
}

/** Opens nominations now (from yesterday until in a week). */
export const openNominations = (page: Page, edition: string) =>
  setNominationWindow(page, edition, new Date(Date.now() - DAY), new Date(Date.now() + 7 * DAY));

/** Closes nominations: the window ends a minute ago (it opened a day before). */
export const closeNominations = (page: Page, edition: string) =>
  setNominationWindow(page, edition, new Date(Date.now() - 2 * DAY), new Date(Date.now() - MINUTE));

/**
 * As an organizer, on the procedure page: changes one field of a round that has not opened yet
 * (e.g. "Minimum aantal beoordelingen per kandidaat" when the jury has fewer jurors than last year).
 */
export async function setRoundField(page: Page, edition: string, round: { position: number; name: string }, label: string, value: string) {
  await openControlRoom(page, edition);
  await openFromEditionMenu(page, edition, "Instellingen en procedure");
  await page.locator("summary", { hasText: `Ronde ${round.position}: ${round.name} (` }).click();
  const form = page.getByRole("group", { name: new RegExp(`^Ronde ${round.position}: ${escapeRegExp(round.name)}`) });
  await form.getByLabel(label).fill(value);
  await expectAccessible(page);
  await form.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status")).toContainText("Opgeslagen");
  await expectAccessible(page);
}

// ---------------------------------------------------------------------------------------------------
// Nominations: a member nominates, the nominee consents by mail, the organizer approves
// ---------------------------------------------------------------------------------------------------

export interface Nomination {
  /** The award's public address part, e.g. "top-100-ambtenaar". */
  awardSlug: string;
  year: number;
  /** The category's Dutch name; left out when the edition has one category (no choice offered). */
  category?: string;
  name: string;
  organisation: string;
  email: string;
  /** Required by awards with a maximum age. */
  age?: number;
  motivation?: string;
}

/** As a member (logged in): the edition's page, "Nomineren", the form, and "Mijn nominaties". */
export async function nominate(page: Page, n: Nomination) {
  await page.goto(`/prijzen/${n.awardSlug}/${n.year}`);
  await page.getByRole("navigation", { name: "Deze editie" }).getByRole("link", { name: "Nomineren" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Nomineren voor / })).toBeVisible();
  if (n.category) await page.getByLabel("Categorie").selectOption({ label: n.category });
  await page.getByLabel("Naam van de genomineerde").fill(n.name);
  await page.getByLabel("Organisatie van de genomineerde").fill(n.organisation);
  await page.getByLabel("E-mailadres van de genomineerde").fill(n.email);
  if (n.age !== undefined) await page.getByLabel("Leeftijd van de genomineerde").fill(String(n.age));
  await page
    .getByLabel("Motivatie")
    .fill(n.motivation ?? `${n.name} maakte het verschil: een werkwijze die inwoners sneller helpt en die collega's nu overnemen.`);
  await page.getByLabel("Jouw relatie tot de genomineerde").fill("collega");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Nominatie versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Je nominatie is ontvangen");
  await expect(page.getByRole("article", { name: n.name })).toContainText("Wacht op beoordeling");
  await expectAccessible(page);
}

/** As anyone: the nominee opens the consent mail and agrees. */
export async function consentByMail(page: Page, email: string, awardName: string) {
  const link = await openLatestMail(page, email, `Je bent genomineerd voor ${awardName}`);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Toestemming voor je nominatie" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Ik geef toestemming" }).click();
  await expect(page.getByRole("status")).toContainText("Dank je wel voor je toestemming");
  await expectAccessible(page);
}

/** As an organizer: the control room's next action leads to moderation; each name is approved. */
export async function approveNominations(page: Page, edition: string, names: string[]) {
  await openControlRoom(page, edition);
  await expect(nextActions(page)).toContainText(new RegExp(`${names.length} nominaties? wacht(en)? op moderatie`));
  await nextActions(page).getByRole("link", { name: "Modereer de nominaties" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Moderatie/ })).toBeVisible();
  await expectAccessible(page);
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

// ---------------------------------------------------------------------------------------------------
// Rounds, from the control room
// ---------------------------------------------------------------------------------------------------

export interface RoundRef {
  position: number;
  /** The round's Dutch name, e.g. "Publieksstemming". */
  name: string;
}

/**
 * As an organizer: the control room says the round can begin; its button leads to the round's page
 * where "Ronde nu openen" opens it.
 */
export async function openRoundFromControlRoom(page: Page, edition: string, round: RoundRef) {
  await openControlRoom(page, edition);
  await expect(nextActions(page)).toContainText(`${round.name} (ronde ${round.position}) kan beginnen: open de ronde.`);
  await followActionTo(page, `${round.name} (ronde ${round.position}) kan beginnen`, "Naar de ronde om te openen");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Ronde nu openen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "De ronde is geopend." })).toBeVisible();
  await expectAccessible(page);
}

/** As an organizer: the control room asks to close a round that runs without an end; "Ronde nu sluiten". */
export async function closeRoundFromControlRoom(page: Page, edition: string, round: RoundRef) {
  await openControlRoom(page, edition);
  await expect(nextActions(page)).toContainText(`${round.name} (ronde ${round.position}) loopt zonder vaste eindtijd`);
  await followActionTo(page, `${round.name} (ronde ${round.position}) loopt zonder vaste eindtijd`, "Naar de ronde om te sluiten");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Ronde nu sluiten" }).click();
  await expect(page.getByRole("status").filter({ hasText: "De ronde is gesloten." })).toBeVisible();
  await expectAccessible(page);
}

/**
 * In the control room: follows the action whose sentence starts with `sentence`. The most urgent one
 * is the primary button (named `button`); the others are links named by their sentence.
 */
export async function followActionTo(page: Page, sentence: string, button: string) {
  const region = nextActions(page);
  const primary = region.getByRole("paragraph").first();
  if ((await primary.textContent())?.startsWith(sentence)) await region.getByRole("link", { name: button, exact: true }).click();
  else await region.getByRole("link", { name: new RegExp(`^${escapeRegExp(sentence)}`) }).click();
}

/** As an organizer: the closed vote's result is published from its dashboard, reached from the control room. */
export async function publishVoteFromControlRoom(page: Page, edition: string, round: RoundRef) {
  await openControlRoom(page, edition);
  const sentence = `${round.name} (ronde ${round.position}) is gesloten: publiceer de uitslag`;
  await expect(nextActions(page)).toContainText(sentence);
  await followActionTo(page, sentence, "Naar de stemming");
  await expect(page.getByRole("heading", { level: 1, name: `Stemmen beheren: ${round.name} (${edition})` })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Uitslag publiceren" }).click();
  await expect(page.getByRole("status").filter({ hasText: "De uitslag van deze ronde is gepubliceerd." }).first()).toBeVisible();
  await expectAccessible(page);
}

// ---------------------------------------------------------------------------------------------------
// Voting
// ---------------------------------------------------------------------------------------------------

/**
 * As a member (logged in): the edition's page, the round in its menu, a category, the candidates
 * ticked (or the one radio chosen), the confirmation step, and the receipt.
 */
export async function vote(page: Page, awardSlug: string, year: number, round: RoundRef, category: string, candidates: string[]) {
  await page.goto(`/prijzen/${awardSlug}/${year}`);
  await page.getByRole("navigation", { name: "Deze editie" }).getByRole("link", { name: round.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: round.name })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: category, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${round.name}: ${category}` })).toBeVisible();
  const ballot = page.getByRole("group", { name: "Je keuze" });
  for (const name of candidates) {
    const option = ballot.getByRole(candidates.length === 1 && (await ballot.getByRole("radio").count()) > 0 ? "radio" : "checkbox", {
      name: new RegExp(`^${escapeRegExp(name)}`),
    });
    await option.check();
  }
  await expectAccessible(page);
  await page.getByRole("button", { name: "Verder naar controle" }).click();
  await expect(page.getByRole("heading", { name: "Controleer je stem" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Stem uitbrengen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Je hebt gestemd" })).toBeVisible();
  await expectAccessible(page);
}

// ---------------------------------------------------------------------------------------------------
// Jury
// ---------------------------------------------------------------------------------------------------

/** As an organizer: "Jury en uitnodigingen" in the edition menu, one address invited (all categories). */
export async function inviteJuror(page: Page, edition: string, email: string) {
  await openControlRoom(page, edition);
  await openFromEditionMenu(page, edition, "Jury en uitnodigingen");
  await expect(page.getByRole("heading", { level: 1, name: `Jury: ${edition}` })).toBeVisible();
  await page.getByLabel("E-mailadressen").fill(email);
  await page.getByRole("button", { name: "Uitnodigen" }).click();
  await expect(page.getByRole("status")).toContainText("De uitnodigingen zijn verstuurd.");
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText(/open \(geldig tot .+\)/);
  await expectAccessible(page);
}

/** As the invited person, signed in with that address (which gave the place, ADR 0031): the mailed link says so. */
export async function acceptJuryInvitation(page: Page, edition: string, email: string) {
  const link = await openLatestMail(page, email, `Uitnodiging voor de jury van ${edition}`);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Uitnodiging voor de jury" })).toBeVisible();
  await expect(page.getByText(`Je zit in de jury van ${edition}: deze uitnodiging is van jou.`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Naar je jurywerk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jury" })).toBeVisible();
  await expectAccessible(page);
}

/** As a juror (logged in): "Mijn account", then "Jury" — the juror's rounds. */
export async function openJuryHome(page: Page) {
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Mijn account" }).click();
  // The landing page has a "Jury" link too: clicking it while the account page loads interrupts that navigation.
  await expect(page.getByRole("heading", { level: 1, name: "Mijn account" })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Jury", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jury" })).toBeVisible();
  await expectAccessible(page);
}

/**
 * As a juror (logged in): "Mijn account", "Jury", the round, and for each candidate a sheet with the same score on
 * every criterion (scores of 4 and up need no comment), saved. Checks the worklist says all are done.
 */
export async function scoreSheets(page: Page, edition: string, round: RoundRef, scores: Array<[name: string, score: number]>) {
  await openJuryHome(page);
  await page.getByRole("link", { name: `${edition}: ${round.name}`, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${edition}: ${round.name}` })).toBeVisible();
  await expectAccessible(page);
  for (const [name, score] of scores) {
    await page.getByRole("table").getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const scales = page.getByRole("radiogroup");
    await expect(scales.first()).toBeVisible();
    for (const scale of await scales.all()) await scale.getByRole("radio", { name: new RegExp(`^${score}( |$)`) }).check();
    await expectAccessible(page);
    await page.getByRole("button", { name: /^Opslaan( en volgende)?$/ }).click();
    await expect(page.getByRole("status")).toContainText("Je beoordeling is opgeslagen.");
    if (!(await page.getByRole("table").isVisible())) await page.getByRole("link", { name: "Terug naar de lijst" }).click();
  }
  await expect(page.getByText(`${scores.length} van ${scores.length} beoordeeld`)).toBeVisible();
  await expectAccessible(page);
}

// ---------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------

export interface PrizeSpec {
  kind: "Publieksprijs" | "Juryprijs" | "Top 100";
  name: string;
  /** The round option as the form lists it, e.g. "1. Publieksstemming". */
  round: string;
  /** Not for a Top 100. */
  places?: number;
}

/** As an organizer on the uitslag page: adds a prize. */
export async function addPrize(page: Page, prize: PrizeSpec) {
  const form = page.getByRole("group", { name: "Nieuwe prijs" });
  await form.getByLabel("Soort prijs").selectOption({ label: prize.kind });
  await form.getByLabel("Naam (Nederlands)").fill(prize.name);
  await form.getByLabel("Naam (Engels)").fill(`${prize.name} (en)`);
  await form.getByLabel(prize.kind === "Juryprijs" ? "Juryronde" : "Stemronde").selectOption({ label: prize.round });
  if (prize.places !== undefined) await form.getByLabel("Aantal plaatsen").fill(String(prize.places));
  await page.getByRole("button", { name: "Prijs toevoegen" }).click();
  await expect(page.getByRole("status")).toContainText("De prijs is toegevoegd.");
  await expect(page.getByRole("region", { name: "Prijzen" }).getByRole("row").filter({ hasText: prize.name })).toBeVisible();
}

/**
 * As an organizer: the control room asks to publish the results; on the uitslag page the prizes
 * (copied from last year, or `prizes` added here) are published. Returns nothing; the public page
 * is checked by the caller.
 */
export async function publishResults(page: Page, edition: string, prizes: PrizeSpec[] = []) {
  await openControlRoom(page, edition);
  await expect(nextActions(page)).toContainText("Alle rondes zijn gesloten: publiceer de uitslag.");
  await nextActions(page).getByRole("link", { name: "Publiceer de uitslag", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Uitslag en prijzen: ${edition}` })).toBeVisible();
  await expectAccessible(page);
  for (const prize of prizes) await addPrize(page, prize);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Uitslag publiceren" }).click();
  await expect(page.getByRole("status")).toContainText("De uitslag is gepubliceerd en vastgelegd met een hash.");
  await expectAccessible(page);
}
