import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";
import {
  acceptJuryInvitation,
  approveNominations,
  closeNominations,
  closeRoundFromControlRoom,
  consentByMail,
  createNextEdition,
  escapeRegExp,
  followActionTo,
  inviteJuror,
  logInAs,
  logOut,
  nextActions,
  nominate,
  openControlRoom,
  openNominations,
  openRoundFromControlRoom,
  ORGANIZER,
  publishResults,
  publishVoteFromControlRoom,
  scoreSheets,
  setRoundField,
  vote,
  type Nomination,
} from "./edition-steps";

// The two awards decided (partly) by a public vote, each run from a new edition (next year's, created
// in the UI from this year's demo edition) to published results, through the browser only: nominations
// (with consent and moderation), the rounds opened and closed by hand from the control room, votes by
// demo members, a jury invited by mail, prizes and the published results. The demo members used here
// (lid33–lid38, lid51–lid59) are used by no other spec, so this runs in parallel with the others.
const YEAR = new Date().getFullYear() + 1;

/** Nominations as one member makes them, then consent by each nominee. */
async function nominateAll(page: Page, member: string, awardName: string, list: Nomination[]) {
  await logInAs(page, member);
  for (const n of list) await nominate(page, n);
  await logOut(page);
  for (const n of list) await consentByMail(page, n.email, awardName);
}

async function votesOf(page: Page, member: string, ballots: Array<() => Promise<void>>) {
  await logInAs(page, member);
  for (const cast of ballots) await cast();
  await logOut(page);
}

test("Top 100 Ambtenaar: nominations, a public vote, the top two per category to the jury, published results", async ({ page }) => {
  test.setTimeout(45 * 60_000); // a hang guard only: a busy machine may take many times as long (5.5 min quiet; one run past 15 min failed CI on a shared machine)
  const AWARD = "Top 100 Ambtenaar van het Jaar";
  const SLUG = "top-100-ambtenaar";
  const EDITION = `${AWARD} ${YEAR}`;
  const VOTE = { position: 1, name: "Publieksstemming" };
  const JURY = { position: 2, name: "Jurering" };
  const JUROR = "lid38@lauwer.test";
  // Two categories of three nominees each; the other categories stay empty.
  const BELEID = "Rijk — beleid";
  const UITVOERING = "Decentraal — uitvoering";
  const person = (name: string, category: string, organisation: string): Nomination => ({
    awardSlug: SLUG,
    year: YEAR,
    category,
    name,
    organisation,
    email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.nl`,
  });
  const beleid = [
    person("Anouk Aalbers", BELEID, "Ministerie van Financiën"),
    person("Bram Bosman", BELEID, "Ministerie van Justitie en Veiligheid"),
    person("Chantal Claes", BELEID, "Ministerie van Onderwijs"),
  ];
  const uitvoering = [
    person("Dirk Dekkers", UITVOERING, "Gemeente Zwolle"),
    person("Esra Erdem", UITVOERING, "Gemeente Tilburg"),
    person("Frits Franken", UITVOERING, "Provincie Gelderland"),
  ];

  // The organizer creates next year's edition from this year's and opens nominations.
  await logInAs(page, ORGANIZER);
  await createNextEdition(page, AWARD, YEAR);
  await openNominations(page, EDITION);
  // One juror this year: a candidate needs one sheet (set before the jury round opens).
  await setRoundField(page, EDITION, JURY, "Minimum aantal beoordelingen per kandidaat", "1");
  await logOut(page);

  // Members nominate, each nominee consents by mail, the organizer approves, and nominations close.
  await nominateAll(page, "lid33@lauwer.test", AWARD, beleid);
  await nominateAll(page, "lid34@lauwer.test", AWARD, uitvoering);
  await logInAs(page, ORGANIZER);
  await approveNominations(
    page,
    EDITION,
    [...beleid, ...uitvoering].map((n) => n.name),
  );
  await closeNominations(page, EDITION);
  await openRoundFromControlRoom(page, EDITION, VOTE);
  await logOut(page);

  // The public vote (several choices per category): a clear order in both categories.
  const ballot = (category: string, names: string[]) => () => vote(page, SLUG, YEAR, VOTE, category, names);
  const [a, b, c] = beleid.map((n) => n.name) as [string, string, string];
  const [d, e, f] = uitvoering.map((n) => n.name) as [string, string, string];
  await votesOf(page, "lid35@lauwer.test", [ballot(BELEID, [a, b, c]), ballot(UITVOERING, [d, e, f])]);
  await votesOf(page, "lid36@lauwer.test", [ballot(BELEID, [a, b]), ballot(UITVOERING, [d, e])]);
  await votesOf(page, "lid37@lauwer.test", [ballot(BELEID, [a]), ballot(UITVOERING, [d])]);

  // The organizer closes the vote (the top two per category advance at once) and publishes it; a juror is invited.
  await logInAs(page, ORGANIZER);
  await closeRoundFromControlRoom(page, EDITION, VOTE);
  await publishVoteFromControlRoom(page, EDITION, VOTE);
  const advanced = page.getByRole("region", { name: "Door naar de volgende ronde (top 2 per categorie)" });
  for (const name of [a, b, d, e]) await expect(advanced).toContainText(name);
  for (const name of [c, f]) await expect(advanced).not.toContainText(name);
  await inviteJuror(page, EDITION, JUROR);
  await logOut(page);
  await logInAs(page, JUROR);
  await acceptJuryInvitation(page, EDITION, JUROR);
  await logOut(page);

  // The jury round opens on the four finalists; the juror scores them; the organizer closes it.
  await logInAs(page, ORGANIZER);
  await openRoundFromControlRoom(page, EDITION, JURY);
  await logOut(page);
  await logInAs(page, JUROR);
  await scoreSheets(page, EDITION, JURY, [
    [a, 6],
    [b, 9],
    [d, 8],
    [e, 5],
  ]);
  await logOut(page);

  await logInAs(page, ORGANIZER);
  await closeRoundFromControlRoom(page, EDITION, JURY);
  await publishResults(page, EDITION, [
    { kind: "Publieksprijs", name: "Publieksprijs", round: "1. Publieksstemming", places: 3 },
    { kind: "Top 100", name: "Top 100 Ambtenaar van het Jaar", round: "1. Publieksstemming" },
    { kind: "Juryprijs", name: "Juryprijs", round: "2. Jurering", places: 1 },
  ]);
  await logOut(page);

  // A visitor reads the results: the public prize and the jury prize per category, and the Top 100.
  await page.goto(`/prijzen/${SLUG}/${YEAR}`);
  await page.getByRole("navigation", { name: "Deze editie" }).getByRole("link", { name: "Uitslag" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Uitslag ${EDITION}` })).toBeVisible();
  await expectAccessible(page);
  const winners = page.getByRole("region", { name: "Winnaars" });
  const winner = (prize: string, category: string) => winners.getByRole("listitem").filter({ hasText: `${prize} — ${category}:` });
  await expect(winner("Publieksprijs", BELEID)).toHaveText(`Publieksprijs — ${BELEID}: ${a}`);
  await expect(winner("Publieksprijs", UITVOERING)).toHaveText(`Publieksprijs — ${UITVOERING}: ${d}`);
  await expect(winner("Juryprijs", BELEID)).toHaveText(`Juryprijs — ${BELEID}: ${b}`);
  await expect(winner("Juryprijs", UITVOERING)).toHaveText(`Juryprijs — ${UITVOERING}: ${d}`);
  await page.getByRole("link", { name: "Bekijk de Top 100" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Top 100 Ambtenaar van het Jaar" })).toBeVisible();
  const top = page.locator(".lauwer-top100").getByRole("listitem");
  await expect(top).toHaveCount(6);
  await expect(top.first()).toContainText(/Anouk Aalbers|Dirk Dekkers/);
  await expectAccessible(page);
});

test("Jonge Ambtenaar: nominations, three finalists picked by the organizer, public vote, jury and live vote, published results", async ({
  page,
}) => {
  test.setTimeout(45 * 60_000); // a hang guard only: a busy machine may take many times as long (5.5 min quiet; one run past 15 min failed CI on a shared machine)
  const AWARD = "Jonge Ambtenaar van het Jaar";
  const SLUG = "jonge-ambtenaar";
  const EDITION = `${AWARD} ${YEAR}`;
  const SELECTION = { position: 1, name: "Selectie finalisten" };
  const VOTE = { position: 2, name: "Publieksprijs" };
  const JURY = { position: 3, name: "Juryprijs" };
  const LIVE = { position: 4, name: "Stemming in de zaal" };
  const JUROR = "lid56@lauwer.test";
  const person = (name: string, organisation: string, age: number): Nomination => ({
    awardSlug: SLUG,
    year: YEAR,
    name,
    organisation,
    age,
    email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.nl`,
  });
  const nominees = [
    person("Gijs Geerts", "Gemeente Groningen", 27),
    person("Hanna Hoekstra", "Rijkswaterstaat", 31),
    person("Iris Ismail", "Gemeente Rotterdam", 24),
    person("Joris Jansma", "Provincie Friesland", 34),
  ];
  const [g, h, i, j] = nominees.map((n) => n.name) as [string, string, string, string];

  await logInAs(page, ORGANIZER);
  await createNextEdition(page, AWARD, YEAR);
  await openNominations(page, EDITION);
  await setRoundField(page, EDITION, JURY, "Minimum aantal beoordelingen per kandidaat", "1");
  await logOut(page);

  await nominateAll(page, "lid51@lauwer.test", AWARD, nominees.slice(0, 2));
  await nominateAll(page, "lid52@lauwer.test", AWARD, nominees.slice(2));
  await logInAs(page, ORGANIZER);
  await approveNominations(page, EDITION, [g, h, i, j]);
  await closeNominations(page, EDITION);

  // The organizer opens the selection, picks three finalists with a motivation each, closes and announces.
  await openRoundFromControlRoom(page, EDITION, SELECTION);
  await openControlRoom(page, EDITION);
  await followActionTo(page, `${SELECTION.name} (ronde ${SELECTION.position}): kies wie doorgaat`, "Maak de selectie");
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`^${escapeRegExp(SELECTION.name)}`) })).toBeVisible();
  await expectAccessible(page);
  for (const name of [g, h, i]) {
    await page.getByRole("checkbox", { name: new RegExp(`^${escapeRegExp(name)}`) }).check();
    await page.getByLabel(`Motivatie voor ${name}`).fill(`${name} laat zien hoe de overheid van morgen werkt.`);
  }
  await page.getByRole("button", { name: "Selectie opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "De selectie is opgeslagen." })).toBeVisible();
  await expectAccessible(page);
  await closeRoundFromControlRoom(page, EDITION, SELECTION);
  await openControlRoom(page, EDITION);
  await followActionTo(page, `${SELECTION.name} (ronde ${SELECTION.position}) is gesloten: bevestig de shortlist`, "Bevestig de shortlist");
  await page.getByRole("button", { name: "Shortlist bevestigen en bekendmaken" }).click();
  await expect(page.getByRole("status").filter({ hasText: "De shortlist is bevestigd en bekendgemaakt." })).toBeVisible();
  await expectAccessible(page);

  // The public vote on the finalists (one choice).
  await openRoundFromControlRoom(page, EDITION, VOTE);
  await inviteJuror(page, EDITION, JUROR);
  await logOut(page);
  const ballot = (name: string) => () => vote(page, SLUG, YEAR, VOTE, "Algemeen", [name]);
  await votesOf(page, "lid53@lauwer.test", [ballot(h)]);
  await votesOf(page, "lid54@lauwer.test", [ballot(h)]);
  await votesOf(page, "lid55@lauwer.test", [ballot(i)]);
  await logInAs(page, JUROR);
  await acceptJuryInvitation(page, EDITION, JUROR);
  await logOut(page);

  // The vote closes; the jury round opens on the three finalists and the juror scores them.
  await logInAs(page, ORGANIZER);
  await closeRoundFromControlRoom(page, EDITION, VOTE);
  await openRoundFromControlRoom(page, EDITION, JURY);
  await logOut(page);
  await logInAs(page, JUROR);
  await scoreSheets(page, EDITION, JURY, [
    [g, 9],
    [h, 6],
    [i, 7],
  ]);
  await logOut(page);
  await logInAs(page, ORGANIZER);
  await closeRoundFromControlRoom(page, EDITION, JURY);

  // On the evening: the organizer opens the vote in the room, members vote, the organizer closes it.
  await openControlRoom(page, EDITION);
  await expect(nextActions(page)).toContainText(`${LIVE.name} (ronde ${LIVE.position}): open de live stemming`);
  await followActionTo(page, `${LIVE.name} (ronde ${LIVE.position}): open de live stemming`, "Naar de live stemming");
  await expect(page.getByRole("heading", { level: 1, name: `Stemmen beheren: ${LIVE.name} (${EDITION})` })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Stemming openen" }).click();
  await expect(page.getByRole("status")).toContainText("De stemming in de zaal is geopend.");
  await expectAccessible(page);
  await logOut(page);
  const live = (name: string) => () => vote(page, SLUG, YEAR, LIVE, "Algemeen", [name]);
  await votesOf(page, "lid57@lauwer.test", [live(g)]);
  await votesOf(page, "lid58@lauwer.test", [live(i)]);
  await votesOf(page, "lid59@lauwer.test", [live(i)]);
  await logInAs(page, ORGANIZER);
  await openControlRoom(page, EDITION);
  await followActionTo(page, `${LIVE.name} (ronde ${LIVE.position}): de live stemming loopt`, "Naar de live stemming");
  await page.getByRole("button", { name: "Stemming sluiten" }).click();
  await expect(page.getByRole("status")).toContainText("De stemming in de zaal is gesloten.");
  await expectAccessible(page);

  await publishResults(page, EDITION, [
    { kind: "Juryprijs", name: "Juryprijs", round: "3. Juryprijs", places: 1 },
    { kind: "Publieksprijs", name: "Publieksprijs", round: "2. Publieksprijs", places: 1 },
    { kind: "Publieksprijs", name: "Prijs van de zaal", round: "4. Stemming in de zaal", places: 1 },
  ]);
  await logOut(page);

  await page.goto(`/prijzen/${SLUG}/${YEAR}`);
  await page.getByRole("navigation", { name: "Deze editie" }).getByRole("link", { name: "Uitslag" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Uitslag ${EDITION}` })).toBeVisible();
  await expectAccessible(page);
  const winners = page.getByRole("region", { name: "Winnaars" });
  const winner = (prize: string) => winners.getByRole("listitem").filter({ hasText: `${prize} — Algemeen:` });
  await expect(winner("Juryprijs")).toHaveText(`Juryprijs — Algemeen: ${g}`);
  await expect(winner("Publieksprijs")).toHaveText(`Publieksprijs — Algemeen: ${h}`);
  await expect(winner("Prijs van de zaal")).toHaveText(`Prijs van de zaal — Algemeen: ${i}`);
  // The finalist the organizer did not pick is in no prize.
  await expect(winners).not.toContainText(j);
});
