import { createHash } from "node:crypto";
import { DEMO_PASSWORD, expect, expectAccessible, logIn, test } from "./fixtures";

// Last year's editions are published in the demo: the Top 100 with its public vote (approval, up to
// five), a jury prize with the jury's report, and the recount lists (ADR 0014).
const PAST = new Date().getFullYear() - 1;
const TOP = `/prijzen/top-100-ambtenaar/${PAST}/uitslag`;
const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

test("a visitor reads the jury report, downloads the recount lists covered by the hash and finds how to check", async ({ page }) => {
  await page.goto(TOP);
  await expect(page.getByRole("heading", { level: 1, name: `Uitslag Top 100 Ambtenaar van het Jaar ${PAST}` })).toBeVisible();
  const report = page.getByRole("figure", { name: "Motivatie van de jury: Juryprijs" });
  await expect(report).toContainText("De jury was unaniem.");
  await expectAccessible(page);

  const results = await page.request.get(
    (await page.getByRole("link", { name: "Download het uitslagbestand (JSON)" }).getAttribute("href"))!,
  );
  const file = JSON.parse((await results.body()).toString("utf8")) as {
    recount: Array<{ ballots: number; files: Record<string, { sha256: string }> }>;
  };
  const region = page.getByRole("region", { name: "Zelf natellen" });
  const ballots = region.getByRole("link", { name: /^Getelde stemmen \(JSON, / });
  const list = await page.request.get((await ballots.getAttribute("href"))!);
  expect(list.status()).toBe(200);
  const body = await list.body();
  expect(sha(body)).toBe(file.recount[0]!.files.ballotsJson!.sha256);
  expect((JSON.parse(body.toString("utf8")) as { ballots: unknown[] }).ballots).toHaveLength(file.recount[0]!.ballots);
  const receipts = await page.request.get(
    (await region.getByRole("link", { name: /^Stembewijzen als hash \(CSV, / }).getAttribute("href"))!,
  );
  expect(sha(await receipts.body())).toBe(file.recount[0]!.files.receiptsCsv!.sha256);

  await region.getByRole("link", { name: "Zo controleer je de uitslag" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Uitslag Top 100 Ambtenaar van het Jaar ${PAST} controleren` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Natellen in één regel" })).toContainText("sha256sum uitslag-top-100-ambtenaar");
  await expectAccessible(page);
});

test("an organizer writes the jury report in both languages; one language alone is refused with a clear message", async ({ page }) => {
  await logIn(page, "organisator@lauwer.test", DEMO_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  await page.goto(`/beheer/prijzen/overheidsorganisatie-2-0/${PAST}/uitslag`);
  const form = page.getByRole("group", { name: /^Motivatie van de jury: / });
  await expect(form.getByLabel("Motivatie (Nederlands)")).toHaveValue(/De jury was unaniem/);
  await form.getByLabel("Motivatie (Engels)").fill("");
  await form.getByRole("button", { name: "Motivatie opslaan" }).click();
  await expect(form.getByLabel("Motivatie (Engels)")).toHaveAccessibleDescription(/Vul de motivatie ook in het Engels in/);
  await expectAccessible(page);
  await form.getByLabel("Motivatie (Engels)").fill("The jury praises a decade of open data.");
  await form.getByRole("button", { name: "Motivatie opslaan" }).click();
  await expect(page.getByRole("status")).toContainText("De motivatie is opgeslagen.");
  await expect(form).toContainText("Gewijzigd na de laatste publicatie: nog niet openbaar.");
  await expectAccessible(page);
});
