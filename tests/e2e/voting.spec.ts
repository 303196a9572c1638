import type { Browser, BrowserContextOptions, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, expectAccessible, logIn, openLatestMail, test } from "./fixtures";

// The demo edition of "Jonge Ambtenaar van het Jaar" is seeded for the current year: round 2 is an open
// public vote (single choice, change allowed), round 4 a live vote that only the organizer opens.
// Each test uses its own voters, so the tests can run in any order and in parallel.
const YEAR = new Date().getFullYear();
const EDITION = `Jonge Ambtenaar van het Jaar ${YEAR}`;
const PUBLIC_ROUND = `/prijzen/jonge-ambtenaar/${YEAR}/ronde/2`;
const PUBLIC_BALLOT = `${PUBLIC_ROUND}/algemeen`;
const LIVE_ROUND = `/prijzen/jonge-ambtenaar/${YEAR}/ronde/4`;
const ADMIN = `/beheer/prijzen/jonge-ambtenaar/${YEAR}/stemmen`;
const RECEIPT = /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

/** The same rule as the fixture's, for the extra browser contexts a test opens itself. */
function collectErrors(page: Page, errors: string[]) {
  page.on("console", (msg) => {
    if (msg.type() === "error" && !/the server responded with a status of 4\d\d/.test(msg.text())) errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
}

async function openPage(browser: Browser, baseURL: string | undefined, errors: string[], options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ baseURL, ...options });
  const page = await context.newPage();
  collectErrors(page, errors);
  return page;
}

async function candidateNames(page: Page) {
  const names = (await page.locator(".lauwer-ballot__name").allTextContents()).map((n) => n.trim());
  expect(names.length).toBeGreaterThanOrEqual(2);
  return names;
}

/** Chooses a candidate, goes through the confirmation step and casts; returns the receipt code shown. */
async function castVote(page: Page, candidate: string) {
  await page.getByRole("group", { name: "Je keuze" }).getByRole("radio", { name: candidate }).check();
  await page.getByRole("button", { name: "Verder naar controle" }).click();
  await expect(page.getByRole("heading", { name: "Controleer je stem" })).toBeVisible();
  // The summary shows as soon as the review is answered; the page's data is still reloading until the
  // page stops being busy. Casting before that would cut the reload short.
  await expect(page.getByRole("main")).not.toHaveAttribute("aria-busy", "true");
  await page.getByRole("button", { name: "Stem uitbrengen" }).click();
  const own = page.getByRole("status").filter({ hasText: "Je hebt gestemd" });
  await expect(own).toContainText(`Je keuze: ${candidate}`);
  const code = (await own.locator(".lauwer-receipt").textContent())!.trim();
  expect(code).toMatch(RECEIPT);
  return code;
}

test("a member votes with a confirmation step, changes the vote, and checks both receipts and Mijn stemmen", async ({ page }) => {
  const email = "stemmer1@lauwer.test";
  await logIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");

  await page.goto(PUBLIC_ROUND);
  await expect(page.getByRole("heading", { level: 1, name: "Publieksprijs" })).toBeVisible();
  await expect(page.getByText("De stemming is geopend.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Tussenstand" })).toBeVisible();
  await expect(page.getByText("De tussenstand is geheim tot de organisatie de uitslag publiceert.")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Algemeen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Publieksprijs: Algemeen" })).toBeVisible();
  const ballot = page.getByRole("group", { name: "Je keuze" });
  await expect(ballot).toHaveAccessibleDescription("Kies één kandidaat.");
  await expect(ballot.getByRole("radio")).toHaveCount(3);
  await expect(ballot.getByRole("radio", { checked: true })).toHaveCount(0);
  await expectAccessible(page);
  const [first, second, third] = await candidateNames(page);

  // Without a choice the browser stops the form and focuses the message.
  await page.getByRole("button", { name: "Verder naar controle" }).click();
  await expect(page.getByRole("alert")).toHaveText("Kies een kandidaat.");
  await expect(page.locator("#form-error")).toBeFocused();
  await expect(page.getByRole("heading", { name: "Controleer je stem" })).toHaveCount(0);
  await expectAccessible(page);

  // The confirmation step, and back to change the choice: the earlier choice is kept.
  await ballot.getByRole("radio", { name: first! }).check();
  await page.getByRole("button", { name: "Verder naar controle" }).click();
  const confirm = page.getByRole("heading", { name: "Controleer je stem" });
  await expect(confirm).toBeFocused();
  await expect(page.getByText("Je staat op het punt te stemmen op deze kandidaat:")).toBeVisible();
  await expect(page.locator(".lauwer-ballot__summary")).toHaveText(first!);
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Terug, keuze aanpassen" }).click();
  await expect(page).toHaveURL(/keuze=/);
  await expect(ballot.getByRole("radio", { name: first! })).toBeChecked();
  await expectAccessible(page);

  // Cast a vote for another candidate.
  const firstCode = await castVote(page, second!);
  // The review's button went with the cast: the focus goes to the main content, which opens with the notice.
  await expect(page.getByRole("main")).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "Je stem is uitgebracht" })).toBeVisible();
  await expect(page.getByText("Je kunt je stem wijzigen tot de stemming sluit.")).toBeVisible();
  await expectAccessible(page);

  // Change it: the form starts from the current vote, and a new receipt replaces the old one.
  await expect(ballot.getByRole("radio", { name: second! })).toBeChecked();
  const secondCode = await castVote(page, third!);
  expect(secondCode).not.toBe(firstCode);
  await expect(page.getByRole("status").filter({ hasText: "Je stem is gewijzigd" })).toBeVisible();
  await expectAccessible(page);

  // The receipt check says "received" for the current code and "changed" for the old one, never the choice.
  await page.getByRole("link", { name: "Controleer een stembewijs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Stembewijs controleren" })).toBeVisible();
  await expect(page.getByLabel("Stembewijs")).toHaveValue(secondCode);
  const result = page.locator("#receipt-result");
  await expect(result).toContainText("Deze stem is ontvangen. De uitslag is nog niet gepubliceerd");
  await expect(result).toContainText(`${EDITION}, Publieksprijs, categorie Algemeen`);
  await expect(result).not.toContainText(third!);
  await expectAccessible(page);
  await page.getByLabel("Stembewijs").fill(firstCode);
  await page.getByRole("button", { name: "Controleren" }).click();
  await expect(page).toHaveURL(new RegExp(`code=${firstCode}`));
  await expect(result).toContainText("Deze stem is later gewijzigd door de kiezer");
  await expectAccessible(page);
  await page.getByLabel("Stembewijs").fill("AAAA-BBBB-CCCC");
  await page.getByRole("button", { name: "Controleren" }).click();
  await expect(result).toContainText("Dit stembewijs kennen we niet");
  await expectAccessible(page);

  // Mijn stemmen lists the current vote with its receipt and that it was changed once.
  await page.goto("/mijn-stemmen");
  await expect(page.getByRole("heading", { level: 1, name: "Mijn stemmen" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "Publieksprijs" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`${EDITION}: Publieksprijs`);
  await expect(row.getByRole("cell").nth(1)).toHaveText("Algemeen");
  await expect(row.getByRole("cell").nth(2)).toHaveText(third!);
  await expect(row).toContainText("1 keer gewijzigd");
  await expect(row.getByRole("link", { name: secondCode })).toHaveAttribute("href", `/stembewijs?code=${secondCode}`);
  await expect(page.getByText(firstCode)).toHaveCount(0);
  await expectAccessible(page);

  // Both receipts were mailed; the link in the mail leads to Mijn stemmen.
  const link = await openLatestMail(page, email, `Je stem voor ${EDITION}: stembewijs ${firstCode}`);
  expect(new URL(link).pathname).toBe("/mijn-stemmen");
  await openLatestMail(page, email, `Je stem voor ${EDITION} is gewijzigd: stembewijs ${secondCode}`);
  await expect(page.getByText(`Je nieuwe stembewijs: ${secondCode}`)).toBeVisible();

  // The round page now marks the category as voted.
  await page.goto(PUBLIC_ROUND);
  await expect(page.getByRole("listitem").filter({ hasText: "Algemeen" })).toContainText("je hebt gestemd");
});

test("a visitor who is not logged in sees the candidates and a link to log in, not a ballot", async ({ page }) => {
  await page.goto(PUBLIC_BALLOT);
  await expect(page.getByRole("heading", { level: 1, name: "Publieksprijs: Algemeen" })).toBeVisible();
  await expect(page.getByRole("radio")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Kandidaten" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Log in om te stemmen" })).toHaveAttribute(
    "href",
    `/inloggen?redirectTo=${encodeURIComponent(PUBLIC_BALLOT)}`,
  );
  await expectAccessible(page);
  await page.goto("/mijn-stemmen");
  await expect(page).toHaveURL(/\/inloggen/);
});

test("an organizer sees the tally, inspects a shared-device signal and voids those ballots with a reason", async ({ page }) => {
  // Three members vote one after another in the same browser: one device, three accounts.
  const voters = ["lid01@lauwer.test", "lid02@lauwer.test", "lid03@lauwer.test"];
  const receipts: string[] = [];
  for (const [i, email] of voters.entries()) {
    await logIn(page, email, DEMO_PASSWORD);
    await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
    await page.goto(PUBLIC_BALLOT);
    const names = await candidateNames(page);
    receipts.push(await castVote(page, names[i % names.length]!));
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Je bent uitgelogd" })).toBeVisible();
  }

  await logIn(page, "organisator@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto(`${ADMIN}/2`);
  await expect(page.getByRole("heading", { level: 1, name: `Stemmen beheren: Publieksprijs (${EDITION})` })).toBeVisible();
  await expect(page.getByText("Alleen organisatoren zien deze aantallen")).toBeVisible();
  const tally = page.getByRole("table", { name: /^Algemeen — \d+ stemmen$/ });
  await expect(tally).toBeVisible();
  await expect(tally.getByRole("row")).toHaveCount(4); // a header and the three finalists
  await expectAccessible(page);

  const signal = page.getByRole("row").filter({ hasText: "Accounts delen apparaat" });
  await expect(signal).toHaveCount(1);
  await expect(signal.getByRole("cell").nth(1)).toHaveText("3");
  await expect(signal.getByRole("cell").nth(2)).toHaveText("3");
  await signal.getByRole("link", { name: "Stemmen bekijken" }).click();

  await expect(page.getByRole("heading", { level: 1, name: `Stemmen: Publieksprijs (${EDITION})` })).toBeVisible();
  const ballots = page.getByRole("table", { name: "Stemmen" });
  await expect(ballots.getByRole("row")).toHaveCount(4);
  await expect(ballots.getByRole("row").filter({ hasText: "telt mee" })).toHaveCount(3);
  await expect(ballots).toContainText("127.0.0.1");
  // The device is named as in the table: by the start of its hash, the same on all three ballots.
  const device = (await ballots.getByRole("row").nth(1).getByRole("cell").nth(5).textContent())!.trim();
  expect(device).toMatch(/^[0-9a-f]{8}$/);
  await expect(page.getByText(`Accounts delen apparaat ${device}: 3 stemmen.`, { exact: true })).toBeVisible();
  for (const cell of await ballots.getByRole("row").filter({ hasText: "telt mee" }).all())
    await expect(cell.getByRole("cell").nth(5)).toHaveText(device);
  await expectAccessible(page);

  // A reason is required.
  const boxes = ballots.getByRole("checkbox", { name: /^Selecteer stembiljet \d+ van .+ voor .+$/ });
  await expect(boxes).toHaveCount(3);
  for (const box of await boxes.all()) await box.check();
  await page.getByRole("button", { name: "Gekozen stemmen ongeldig verklaren" }).click();
  await expect(page.getByLabel("Reden")).toHaveAccessibleDescription(/Geef een reden \(minstens 3 tekens\)/);
  await expect(page.getByLabel("Reden")).toBeFocused();
  await expect(ballots.getByRole("row").filter({ hasText: "telt mee" })).toHaveCount(3);
  await expectAccessible(page);

  const reason = "Drie accounts vanaf één apparaat binnen een paar minuten";
  await page.getByLabel("Reden").fill(reason);
  await page.getByRole("button", { name: "Gekozen stemmen ongeldig verklaren" }).click();
  await expect(page.getByRole("status")).toContainText("De gekozen stemmen zijn ongeldig verklaard");
  await expect(page).toHaveURL(/ongeldig=3/);
  await expect(ballots.getByRole("row").filter({ hasText: `ongeldig: ${reason}` })).toHaveCount(3);
  await expect(ballots.getByRole("checkbox")).toHaveCount(0);
  await expectAccessible(page);

  // Voided ballots no longer raise the signal.
  await page.getByRole("link", { name: "Terug naar de ronde" }).click();
  await expect(page.getByRole("heading", { name: "Signalen van mogelijke fraude" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Accounts delen apparaat" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent uitgelogd");

  // The receipt says the vote was voided; the voter sees it and cannot vote again.
  await page.goto(`/stembewijs?code=${receipts[0]}`);
  await expect(page.locator("#receipt-result")).toContainText("Deze stem is door de organisatie ongeldig verklaard en telt niet mee.");
  await expectAccessible(page);
  await logIn(page, voters[0]!, DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto(PUBLIC_BALLOT);
  await expect(page.getByRole("alert").filter({ hasText: "Je stem is ongeldig verklaard" })).toBeVisible();
  await expect(page.getByRole("radio")).toHaveCount(0);
  await expectAccessible(page);
  await page.goto("/mijn-stemmen");
  await expect(page.getByRole("row").filter({ hasText: receipts[0]! })).toContainText("(ongeldig)");
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  // axe runs inside the page, so it cannot run here; the same pages are checked with JavaScript above.
  test.use({ javaScriptEnabled: false });

  test("the server refuses an empty ballot, and a vote is confirmed, cast and checked", async ({ page }) => {
    await logIn(page, "lid05@lauwer.test", DEMO_PASSWORD);
    await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
    await page.goto(PUBLIC_BALLOT);
    const [first, second] = await candidateNames(page);

    await page.getByRole("button", { name: "Verder naar controle" }).click();
    await expect(page.getByRole("alert")).toHaveText("Kies een kandidaat.");

    const ballot = page.getByRole("group", { name: "Je keuze" });
    await ballot.getByRole("radio", { name: first! }).check();
    await page.getByRole("button", { name: "Verder naar controle" }).click();
    await expect(page.getByRole("heading", { name: "Controleer je stem" })).toBeVisible();
    await expect(page.locator(".lauwer-ballot__summary")).toHaveText(first!);
    await page.getByRole("button", { name: "Terug, keuze aanpassen" }).click();
    await expect(ballot.getByRole("radio", { name: first! })).toBeChecked();

    const code = await castVote(page, second!);
    await expect(page.getByRole("status").filter({ hasText: "Je stem is uitgebracht" })).toBeVisible();

    await page.goto("/stembewijs");
    await page.getByLabel("Stembewijs").fill(code);
    await page.getByRole("button", { name: "Controleren" }).click();
    await expect(page.locator("#receipt-result")).toContainText("Deze stem is ontvangen.");
  });
});

// The live vote is one round shared by every step: opening, voting by phone, the projector, closing.
test("live vote: the organizer opens it, phones vote through the short link and the projector follows without reloading", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(600_000); // a hang guard only: a busy machine may take many times as long
  const errors: string[] = [];

  // The room's screen is up before the vote opens.
  const projector = await openPage(browser, baseURL, errors);
  await projector.goto(`${LIVE_ROUND}/scherm`);
  await expect(projector.getByRole("heading", { level: 1, name: "Stemming in de zaal" })).toBeVisible();
  const state = projector.getByTestId("projector-state");
  await expect(state).toHaveText("De stemming is nog niet geopend.");
  await expect(projector.getByText("De uitslag verschijnt hier zodra de organisatie die onthult.")).toBeVisible();
  await expectAccessible(projector);
  // Everything after this happens without a reload: the marker would be gone after one.
  await projector.evaluate(() => Object.assign(window, { lauwerE2eMarker: true }));

  // The organizer opens the vote.
  await logIn(page, "organisator@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto(`${ADMIN}/4`);
  await expect(page.getByRole("heading", { level: 1, name: `Stemmen beheren: Stemming in de zaal (${EDITION})` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Stemming sluiten" })).toHaveCount(0);
  // The screen for the room is one obvious link away, in a window of its own.
  const screenLink = page.getByRole("link", { name: "Open scherm voor de zaal (opent in een nieuw venster)" });
  await expect(screenLink).toHaveAttribute("href", `${LIVE_ROUND}/scherm`);
  await expect(screenLink).toHaveAttribute("target", "_blank");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Stemming openen" }).click();
  await expect(page.getByRole("status")).toContainText("De stemming in de zaal is geopend.");
  const shortUrl = (await page.getByTestId("short-url").textContent())!.trim();
  expect(shortUrl).toMatch(new RegExp(`^${baseURL}/l/[A-Z0-9]{4,12}$`));
  const path = new URL(shortUrl).pathname;
  const qr = page.getByRole("img", { name: `QR-code naar ${shortUrl}` });
  await expect(qr).toHaveAttribute("src", `${path}/qr`);
  const qrResponse = await page.request.get(`${path}/qr`);
  expect(qrResponse.ok()).toBe(true);
  expect(qrResponse.headers()["content-type"]).toMatch(/^image\//);
  await expect(page.getByRole("button", { name: "Stemming openen" })).toHaveCount(0);
  await expectAccessible(page);

  // The screen follows: open, with the QR code and the short link to vote at.
  await expect(state).toHaveText("De stemming is geopend.", { timeout: 60_000 });
  await expect(projector.getByRole("img", { name: /^QR-code naar / })).toBeVisible();
  await expect(projector.getByText(shortUrl.replace(/^https?:\/\//, ""))).toBeVisible();
  await expectAccessible(projector);

  // A member scans the QR code on a phone: the short link leads to the ballot; logging in brings them back.
  const phone = await openPage(browser, baseURL, errors, {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  });
  await phone.goto(path);
  await expect(phone).toHaveURL(`${LIVE_ROUND}/algemeen`);
  await expect(phone.getByRole("heading", { level: 1, name: "Stemming in de zaal: Algemeen" })).toBeVisible();
  await expectAccessible(phone);
  await phone.getByRole("link", { name: "Log in om te stemmen" }).click();
  await phone.getByLabel("E-mailadres").fill("lid04@lauwer.test");
  await phone.getByLabel("Wachtwoord", { exact: true }).fill(DEMO_PASSWORD);
  await phone.getByRole("button", { name: "Inloggen" }).click();
  await expect(phone.getByRole("status").filter({ hasText: "Je bent ingelogd" })).toBeVisible();
  await expect(phone).toHaveURL(new RegExp(`${LIVE_ROUND}/algemeen(\\?|$)`));
  await expectAccessible(phone);
  const names = await candidateNames(phone);
  // Nothing sticks out sideways on a narrow screen (WCAG 1.4.10 reflow).
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const [winner, runnerUp] = [names[0]!, names[1]!];
  await phone.getByRole("group", { name: "Je keuze" }).getByRole("radio", { name: winner }).tap();
  await phone.getByRole("button", { name: "Verder naar controle" }).tap();
  await expect(phone.getByRole("heading", { name: "Controleer je stem" })).toBeFocused();
  await expectAccessible(phone);
  await phone.getByRole("button", { name: "Stem uitbrengen" }).tap();
  await expect(phone.getByRole("status").filter({ hasText: "Je hebt gestemd" })).toContainText(`Je keuze: ${winner}`);
  await expect(phone.locator(".lauwer-receipt")).toHaveText(RECEIPT);
  await expectAccessible(phone);

  // The organizer sees the vote; the screen shows no totals until they are revealed.
  await page.reload();
  await expect(page.getByRole("table", { name: "Algemeen — 1 stem" })).toBeVisible();
  await expect(projector.getByTestId("projector-results")).toHaveCount(0);
  await page.getByRole("button", { name: "Uitslag op het scherm tonen" }).click();
  await expect(page.getByRole("status")).toContainText("De uitslag staat nu op het scherm in de zaal.");
  await expect(page.getByRole("button", { name: "Uitslag op het scherm tonen" })).toHaveCount(0);
  await expectAccessible(page);

  const results = projector.getByTestId("projector-results");
  await expect(results).toBeVisible({ timeout: 60_000 });
  await expect(projector.getByRole("heading", { name: "Algemeen — 1 stem" })).toBeVisible();
  await expect(results.getByRole("listitem").first()).toContainText(winner);
  await expect(results.getByRole("listitem").filter({ hasText: winner })).toContainText("1 stem");
  await expect(results.getByRole("listitem").filter({ hasText: runnerUp })).toContainText("0 stemmen");
  await expectAccessible(projector);
  // The hall sees the result: on a 1080p and a 720p projector every row is above the fold, beside the
  // QR code, on a page without the site's header and footer.
  await expect(projector.getByRole("banner")).toHaveCount(0);
  await expect(projector.getByRole("contentinfo")).toHaveCount(0);
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    await projector.setViewportSize(viewport);
    const list = (await results.boundingBox())!;
    expect(list.y + list.height, `results above the fold at ${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(viewport.height);
    const qrBox = (await projector.getByRole("img", { name: /^QR-code naar / }).boundingBox())!;
    expect(qrBox.y + qrBox.height).toBeLessThanOrEqual(viewport.height);
    expect(await projector.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await expectAccessible(projector);
  }

  // A second voter (the short link again, on a laptop); the screen counts along.
  const laptop = await openPage(browser, baseURL, errors);
  await logIn(laptop, "lid10@lauwer.test", DEMO_PASSWORD);
  await expect(laptop.getByRole("status")).toContainText("Je bent ingelogd");
  await laptop.goto(shortUrl);
  await castVote(laptop, runnerUp);
  await expect(projector.getByRole("heading", { name: "Algemeen — 2 stemmen" })).toBeVisible({ timeout: 60_000 });
  await expect(results.getByRole("listitem").filter({ hasText: runnerUp })).toContainText("1 stem");

  // A third voter is at the confirmation step when the organizer closes the vote.
  const late = await openPage(browser, baseURL, errors);
  await logIn(late, "lid11@lauwer.test", DEMO_PASSWORD);
  await expect(late.getByRole("status")).toContainText("Je bent ingelogd");
  await late.goto(`${LIVE_ROUND}/algemeen`);
  await late.getByRole("group", { name: "Je keuze" }).getByRole("radio", { name: winner }).check();
  await late.getByRole("button", { name: "Verder naar controle" }).click();
  await expect(late.getByRole("heading", { name: "Controleer je stem" })).toBeVisible();

  await page.getByRole("button", { name: "Stemming sluiten" }).click();
  await expect(page.getByRole("status")).toContainText("De stemming in de zaal is gesloten.");
  await expect(page.getByRole("button", { name: "Stemming sluiten" })).toHaveCount(0);
  await expectAccessible(page);

  await expect(state).toHaveText("De stemming is gesloten.", { timeout: 60_000 });
  await expect(projector.getByRole("img", { name: /^QR-code naar / })).toHaveCount(0);
  await expect(projector.getByRole("heading", { name: "Algemeen — 2 stemmen" })).toBeVisible();
  await expectAccessible(projector);
  expect(await projector.evaluate(() => "lauwerE2eMarker" in window)).toBe(true);

  // Too late: the vote is refused with a clear message and not counted.
  await late.getByRole("button", { name: "Stem uitbrengen" }).click();
  await expect(late.getByRole("alert")).toContainText("De stemming is gesloten. Je stem is niet meegeteld.");
  await expect(late.getByText("De stemming is gesloten. Er kan niet meer gestemd worden.")).toBeVisible();
  await expectAccessible(late);
  await page.reload();
  await expect(page.getByRole("table", { name: "Algemeen — 2 stemmen" })).toBeVisible();

  // The phone now shows the vote as closed, with the voter's own ballot.
  await phone.reload();
  await expect(phone.getByText("De stemming is gesloten. Er kan niet meer gestemd worden.")).toBeVisible();
  await expect(phone.getByRole("status").filter({ hasText: "Je hebt gestemd" })).toBeVisible();
  await expect(phone.getByRole("radio")).toHaveCount(0);
  await expectAccessible(phone);

  // The short link still leads to the round.
  await phone.goto(path);
  await expect(phone).toHaveURL(`${LIVE_ROUND}/algemeen`);

  for (const p of [projector, phone, laptop, late]) await p.context().close();
  expect(errors, "console errors in the other browser contexts").toEqual([]);
});
