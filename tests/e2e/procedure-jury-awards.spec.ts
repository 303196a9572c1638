import { expectAccessible, test, uniqueEmail } from "./fixtures";
import {
  acceptJuryInvitation,
  approveAll,
  closeRound,
  confirmShortlist,
  consent,
  controlRoom,
  createEdition,
  inviteJuror,
  logInAs,
  logOut,
  nominateOrganisation,
  nominatePerson,
  expectCandidate,
  openEdition,
  openRound,
  ORGANIZER,
  publishResults,
  expectWinner,
  scoreRound,
  setMinScores,
  setNominationWindow,
  type Edition,
  type OrganisationNominee,
  type PersonNominee,
  type Sheet,
} from "./jury-steps";

// Two jury awards, each from a fresh edition (created in the UI from this year's) to published
// results, through the browser only. Rounds are opened and closed by hand (their windows are empty
// in a new edition); the nomination window is set in the edition's settings, first open, then past.
// One juror scores, so each round asks for one sheet per candidate. Demo members lid41–lid46 take
// part only here.

const NEXT_YEAR = new Date().getFullYear() + 1;

test("Overheidsmanager van het Jaar: nominations, a jury shortlist of eight, interviews, three finalists and a winner", async ({
  page,
}) => {
  test.setTimeout(45 * 60_000); // a hang guard only: a busy machine may take many times as long (5.5 min quiet; one run past 15 min failed CI on a shared machine)
  const e: Edition = { award: "Overheidsmanager van het Jaar", slug: "overheidsmanager", year: NEXT_YEAR };
  const suffix = Date.now().toString(36);
  const people: PersonNominee[] = ["Aaltje Aardema", "Bert Bosma", "Cora Cnossen", "Dirk Dijkstra"].map((name, i) => ({
    name: `${name} ${suffix}`,
    organisation: ["Gemeente Zwolle", "Rijkswaterstaat", "Provincie Fryslân", "UWV"][i]!,
    email: uniqueEmail(`manager${i + 1}`),
    motivation: `${name.split(" ")[0]} leidt een organisatie waar mensen groeien, resultaten zichtbaar zijn en integriteit vanzelf spreekt.`,
  }));
  const names = people.map((p) => p.name);
  const juror = "lid45@lauwer.test";

  // The organizer creates the edition from this year's and opens nominations.
  await logInAs(page, ORGANIZER);
  await createEdition(page, e);
  await controlRoom(page, e);
  await expectAccessible(page);
  await setNominationWindow(page, e, -24, 24 * 14);
  await logOut(page);

  // Two members nominate four managers (three each at most); each nominee consents by mail.
  await logInAs(page, "lid41@lauwer.test");
  for (const p of people.slice(0, 3)) await nominatePerson(page, e, p);
  await logOut(page);
  await logInAs(page, "lid42@lauwer.test");
  await nominatePerson(page, e, people[3]!);
  await logOut(page);
  for (const p of people) await consent(page, e, p.email);

  // The organizer approves them, closes nominations, invites one juror and asks one sheet per candidate
  // in rounds 2 and 3 (the shortlist asks one already: copied from this year's edition).
  await logInAs(page, ORGANIZER);
  await openEdition(page, e);
  await approveAll(page, e, names);
  await setNominationWindow(page, e, -24, -1);
  await inviteJuror(page, e, juror);
  await setMinScores(page, e, 2, "Interviews", 1);
  await setMinScores(page, e, 3, "Finale", 1);
  await logOut(page);
  await logInAs(page, juror);
  await acceptJuryInvitation(page, e, juror);
  await logOut(page);

  // Round 1, the shortlist of eight: with four candidates everyone goes on.
  await logInAs(page, ORGANIZER);
  await openEdition(page, e);
  await openRound(page, e, 1, "Shortlist");
  await logOut(page);
  await logInAs(page, juror);
  await scoreRound(page, e, "Shortlist", new Map<string, Sheet>(names.map((n, i) => [n, [9 - i, 8, 7]])));
  await logOut(page);
  await logInAs(page, ORGANIZER);
  await openEdition(page, e);
  await closeRound(page, e, 1, "Shortlist");
  await confirmShortlist(page, e, 1, "Shortlist", names);

  await openRound(page, e, 2, "Interviews");
  await logOut(page);
  await logInAs(page, juror);
  // After the interviews Dirk stands out and Bert falls off: three finalists of four.
  const interviews = new Map<string, Sheet>([
    [names[0]!, [7, 7, 7]],
    [names[1]!, [4, 4, 4]],
    [names[2]!, [6, 9, 8]],
    [names[3]!, [10, 9, 9]],
  ]);
  await scoreRound(page, e, "Interviews", interviews);
  await logOut(page);
  await logInAs(page, ORGANIZER);
  await openEdition(page, e);
  await closeRound(page, e, 2, "Interviews");
  await confirmShortlist(page, e, 2, "Interviews", [names[3]!, names[2]!, names[0]!]);

  await openRound(page, e, 3, "Finale");
  await logOut(page);
  await logInAs(page, juror);
  await scoreRound(
    page,
    e,
    "Finale",
    new Map<string, Sheet>([
      [names[0]!, [8, 8, 8]],
      [names[2]!, [9, 9, 9]],
      [names[3]!, [6, 9, 9]],
    ]),
  );
  await logOut(page);
  await logInAs(page, ORGANIZER);
  await openEdition(page, e);
  await closeRound(page, e, 3, "Finale");
  await confirmShortlist(page, e, 3, "Finale", [names[2]!]);

  // This year's edition has no prizes yet (only last year's has), so the organizer adds the jury prize and publishes.
  await publishResults(page, e, { nl: "Overheidsmanager van het Jaar", en: "Public Manager of the Year", round: "3. Finale", places: 1 });
  await logOut(page);
  await expectWinner(page, e, "Overheidsmanager van het Jaar", "Algemeen", names[2]!);
});

test("Overheidsorganisatie 2.0 van het Jaar: organisations with a pitch and a story, a longlist to ten, three finalists and a winner", async ({
  page,
}) => {
  test.setTimeout(45 * 60_000); // a hang guard only: a busy machine may take many times as long (5.5 min quiet; one run past 15 min failed CI on a shared machine)
  const e: Edition = { award: "Overheidsorganisatie 2.0 van het Jaar", slug: "overheidsorganisatie-2-0", year: NEXT_YEAR };
  const suffix = Date.now().toString(36);
  const category = "Samenwerking";
  const orgs: OrganisationNominee[] = [
    ["Gemeente Aalten", "Eén loket voor zeven gemeenten: ondernemers regelen alles op één plek."],
    ["Waterschap Brabantse Delta", "Open data over waterpeil, door inwoners zelf gebruikt in apps."],
    ["Provincie Drenthe", "Samen met bibliotheken digitale hulp dichtbij huis voor iedereen."],
    ["Dienst Omgeving Eemland", "Vergunningen in weken in plaats van maanden, samen met de buren."],
  ].map(([name, pitch], i) => ({
    name: `${name} ${suffix}`,
    category,
    email: uniqueEmail(`organisatie${i + 1}`),
    pitch: pitch!,
    story:
      `${name} laat zien hoe samenwerken, delen en digitaal werken de dienstverlening beter maken. ` +
      "We begonnen klein, met één team en één probleem dat inwoners al jaren ergerde. We vroegen hen wat er mis ging, " +
      "bouwden samen met collega's van buiten een oplossing en deelden alles wat we leerden openlijk, zodat anderen het konden overnemen.",
  }));
  const names = orgs.map((o) => o.name);
  const juror = "lid46@lauwer.test";

  // The organizer creates the edition from this year's and opens nominations.
  await logInAs(page, ORGANIZER);
  await createEdition(page, e);
  await controlRoom(page, e);
  await setNominationWindow(page, e, -24, 24 * 14);
  await logOut(page);

  // Members nominate organisations (two each at most): a short pitch and a one-page story; each organisation consents.
  await logInAs(page, "lid43@lauwer.test");
  for (const o of orgs.slice(0, 2)) await nominateOrganisation(page, e, o);
  await logOut(page);
  await logInAs(page, "lid44@lauwer.test");
  for (const o of orgs.slice(2)) await nominateOrganisation(page, e, o);
  await logOut(page);
  for (const o of orgs) await consent(page, e, o.email);

  // The organizer approves them and closes nominations; the public sees each pitch and story.
  await logInAs(page, ORGANIZER);
  await openEdition(page, e);
  await approveAll(page, e, names);
  await setNominationWindow(page, e, -24, -1);
  await inviteJuror(page, e, juror);
  for (const [position, round] of [
    [1, "Longlist naar tien"],
    [2, "Drie finalisten"],
    [3, "Winnaar"],
  ] as const)
    await setMinScores(page, e, position, round, 1);
  await logOut(page);
  await expectCandidate(page, e, orgs[0]!);
  await logInAs(page, juror);
  await acceptJuryInvitation(page, e, juror);
  await logOut(page);

  const dossiers = new Map(orgs.map((o) => [o.name, [o.pitch, o.story]]));
  // Round 1, the longlist to ten: with four organisations all go on.
  await logInAs(page, ORGANIZER);
  await openEdition(page, e);
  await openRound(page, e, 1, "Longlist naar tien");
  await logOut(page);
  await logInAs(page, juror);
  await scoreRound(page, e, "Longlist naar tien", new Map<string, Sheet>(names.map((n, i) => [n, [8 - i, 7, 7]])), dossiers);
  await logOut(page);
  await logInAs(page, ORGANIZER);
  await openEdition(page, e);
  await closeRound(page, e, 1, "Longlist naar tien");
  await confirmShortlist(page, e, 1, "Longlist naar tien", names);

  // Round 2, three finalists of four: Aalten falls off.
  await openRound(page, e, 2, "Drie finalisten");
  await logOut(page);
  await logInAs(page, juror);
  await scoreRound(
    page,
    e,
    "Drie finalisten",
    new Map<string, Sheet>([
      [names[0]!, [4, 5, 5]],
      [names[1]!, [8, 7, 9]],
      [names[2]!, [7, 7, 7]],
      [names[3]!, [9, 8, 8]],
    ]),
  );
  await logOut(page);
  await logInAs(page, ORGANIZER);
  await openEdition(page, e);
  await closeRound(page, e, 2, "Drie finalisten");
  await confirmShortlist(page, e, 2, "Drie finalisten", [names[3]!, names[1]!, names[2]!]);

  // Round 3, the winner of three.
  await openRound(page, e, 3, "Winnaar");
  await logOut(page);
  await logInAs(page, juror);
  await scoreRound(
    page,
    e,
    "Winnaar",
    new Map<string, Sheet>([
      [names[1]!, [10, 9, 9]],
      [names[2]!, [7, 8, 8]],
      [names[3]!, [8, 8, 8]],
    ]),
  );
  await logOut(page);
  await logInAs(page, ORGANIZER);
  await openEdition(page, e);
  await closeRound(page, e, 3, "Winnaar");
  await confirmShortlist(page, e, 3, "Winnaar", [names[1]!]);

  const prize = "Overheidsorganisatie 2.0 van het Jaar";
  await publishResults(page, e, { nl: prize, en: "Government Organisation 2.0 of the Year", round: "3. Winnaar", places: 1 });
  await logOut(page);
  await expectWinner(page, e, prize, category, names[1]!);
});
