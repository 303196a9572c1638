import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, expectAccessible, logIn, test, uniqueEmail } from "./fixtures";

// Organizer screens people can read (issue #14): fraud signals that leave the demo vote alone and
// say when they fire, a ballot list with times and distinct labels and bulk voiding with one reason,
// the audit log in words, the merge picker, and Mijn nominaties with withdraw. stemmer1@ nominates
// here only (no other spec nominates with it); the nominees carry a unique suffix.

const ADMIN_ROUND = "/beheer/prijzen/jonge-ambtenaar/2026/stemmen/2";
const TOP100 = "/prijzen/top-100-ambtenaar/2026";
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

test.describe.configure({ mode: "serial" });

async function logInAs(page: Page, email: string) {
  await logIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
}

test("the organizer sees no false fraud signals, voids two ballots with one reason and reads it in the audit log in words", async ({
  page,
}) => {
  await logInAs(page, "organisator@lauwer.test");
  await page.goto(ADMIN_ROUND);
  await expect(page.getByRole("heading", { name: "Signalen van mogelijke fraude" })).toBeVisible();
  // The demo vote (every voter registered for it) is ordinary: no "veel nieuwe accounts".
  await expect(page.getByText("Geen signalen: niets in deze ronde wijkt af van de drempels hieronder.")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Veel nieuwe accounts" })).toHaveCount(0);
  // Each signal is explained with its threshold.
  await expect(page.getByRole("heading", { name: "Wanneer Lauwer een signaal geeft" })).toBeVisible();
  await expect(page.getByText(/minstens 10 nieuwe accounts op dezelfde kandidaat/)).toBeVisible();
  await expectAccessible(page);

  await page.goto(`${ADMIN_ROUND}/stembiljetten`);
  const ballots = page.getByRole("table", { name: "Stemmen" });
  const boxes = ballots.getByRole("checkbox");
  const count = await boxes.count();
  expect(count).toBeGreaterThan(2);
  const labels = await boxes.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
  // Every checkbox has its own label, with the time to the minute and the choice.
  expect(new Set(labels).size).toBe(count);
  for (const label of labels) expect(label).toMatch(/^Selecteer stembiljet \d+ van .+ \d{1,2}:\d{2} voor .+$/);
  await expect(ballots.locator("time").first()).toHaveText(/\d{1,2}:\d{2}$/);
  await expectAccessible(page);

  // Two ballots, one reason.
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const reason = `Twee stemmen ter controle ${Date.now().toString(36)}`;
  await page.getByLabel("Reden").fill(reason);
  await page.getByRole("button", { name: "Gekozen stemmen ongeldig verklaren" }).click();
  await expect(page).toHaveURL(/ongeldig=2/);
  await expect(page.getByText("2 stembiljetten zijn ongeldig verklaard.")).toBeVisible();
  await expect(ballots.getByRole("row").filter({ hasText: `ongeldig: ${reason}` })).toHaveCount(2);
  await expect(ballots.getByRole("checkbox")).toHaveCount(count - 2);
  await expectAccessible(page);

  // The audit log says what happened, who did it and to what — in words, with the ids behind "Details".
  await page.goto("/beheer/prijzen/jonge-ambtenaar/auditlog");
  await expect(page.getByRole("heading", { level: 1, name: "Auditlog van Jonge Ambtenaar van het Jaar" })).toBeVisible();
  const table = page.getByRole("table", { name: "Auditlog, nieuwste eerst" });
  const voided = table.getByRole("row").filter({ hasText: "Stemmen ongeldig verklaard" }).filter({ hasText: reason });
  await expect(voided).toHaveCount(1);
  await expect(voided).toContainText("Otto Organisator");
  await expect(voided).toContainText("Ronde 2 – Publieksprijs");
  await expect(voided).toContainText(`Reden: van leeg naar ${reason}`);
  await expect(voided).toContainText(/Stembiljetten: van leeg naar stembiljet van .+ \d{1,2}:\d{2}; stembiljet van/);
  const visible = await table.evaluate((el) => (el as HTMLElement).innerText);
  expect(visible).not.toMatch(UUID);
  expect(visible).not.toContain("ballot.void");
  expect(visible).not.toContain("jury_round_id");
  await expectAccessible(page);
  await voided.getByText("Details en id's").click();
  await expect(voided.getByText("ballot.void", { exact: true })).toBeVisible();
  await expect(voided.getByText("Id van het onderwerp")).toBeVisible();
  await expectAccessible(page);
});

async function nominate(page: Page, name: string) {
  await page.goto(`${TOP100}/nomineren`);
  const category = page.getByLabel("Categorie", { exact: true });
  if ((await category.count()) > 0 && (await category.evaluate((el) => el.tagName)) === "SELECT") {
    await category.selectOption({ index: 1 });
  }
  await page.getByLabel("Naam van de genomineerde").fill(name);
  await page.getByLabel("Organisatie van de genomineerde").fill("Gemeente Zwolle");
  await page.getByLabel("E-mailadres van de genomineerde").fill(uniqueEmail("zora"));
  await page
    .getByLabel("Motivatie")
    .fill(`${name} zette een spreekuur op waar inwoners zonder afspraak terechtkunnen, en het werkt al een jaar.`);
  await page.getByLabel("Jouw relatie tot de genomineerde").fill("collega");
  await page.getByRole("button", { name: "Nominatie versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Je nominatie is ontvangen");
}

test("a nominator sees the state of each nomination, the organizer merges with the searchable picker, and the nominator withdraws", async ({
  page,
}) => {
  const suffix = Date.now().toString(36);
  const original = `Zora Zwanenburg ${suffix}`;
  const duplicate = `Zora Zwanenb. ${suffix}`;
  await logInAs(page, "stemmer1@lauwer.test");
  await nominate(page, original);
  await nominate(page, duplicate);

  await page.goto("/mijn-nominaties");
  await expect(page.getByRole("heading", { level: 1, name: "Mijn nominaties" })).toBeVisible();
  const card = (name: string) => page.getByRole("article", { name });
  await expect(card(original)).toContainText("Top 100 Ambtenaar van het Jaar 2026");
  await expect(card(original)).toContainText("nog niet beoordeeld");
  await expect(card(original)).toContainText("wacht op instemming");
  await expect(card(original)).toContainText("spreekuur op waar inwoners");
  await expect(card(original).getByText("Nominatie intrekken")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  // Signed out before the next navigation, which would otherwise cancel the logout.
  await expect(page.getByRole("status").filter({ hasText: "Je bent uitgelogd" })).toBeVisible();

  // The organizer finds the original by searching for part of the name, and merges the duplicate into it.
  await logInAs(page, "organisator@lauwer.test");
  await page.goto("/beheer/prijzen/top-100-ambtenaar/2026/moderatie?status=pending");
  await page.getByRole("link", { name: `Bekijk ${duplicate}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: duplicate })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Voeg deze genomineerde samen met" })).toHaveCount(0);
  await expectAccessible(page);
  const search = page.getByRole("search", { name: "Genomineerde zoeken om mee samen te voegen" });
  await search.getByLabel("Zoek op naam of organisatie").fill(`zwanenburg ${suffix}`);
  await search.getByRole("button", { name: "Zoeken" }).click();
  await expect(page).toHaveURL(/zoek=zwanenburg/);
  const options = page.getByRole("group", { name: "Voeg deze genomineerde samen met" }).getByRole("radio");
  await expect(options).toHaveCount(1);
  await expect(page.getByText("1 genomineerde gevonden.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("radio", { name: new RegExp(`^${original} \\(Gemeente Zwolle\\)`) }).check();
  await page.getByRole("button", { name: "Samenvoegen", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Samengevoegd." })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  // Signed out before the next navigation, which would otherwise cancel the logout.
  await expect(page.getByRole("status").filter({ hasText: "Je bent uitgelogd" })).toBeVisible();

  // Back with the nominator: the merged one is decided, the original can still be withdrawn.
  await logInAs(page, "stemmer1@lauwer.test");
  await page.goto("/mijn-nominaties");
  await expect(card(duplicate)).toContainText("samengevoegd met een andere nominatie");
  await expect(card(duplicate).getByText("Nominatie intrekken")).toHaveCount(0);
  await card(original).getByText("Nominatie intrekken").click();
  await expect(card(original)).toContainText("Dit kan niet ongedaan worden gemaakt.");
  await expectAccessible(page);
  await card(original)
    .getByRole("button", { name: `Ja, trek mijn nominatie van ${original} in` })
    .click();
  await expect(page.getByRole("status")).toContainText("Je nominatie is ingetrokken.");
  await expect(card(original)).toHaveCount(0);
  await expect(card(duplicate)).toHaveCount(1);
  await expectAccessible(page);
});
