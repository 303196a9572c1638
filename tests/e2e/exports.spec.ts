import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { DEMO_PASSWORD, expect, expectAccessible, logIn, test } from "./fixtures";

// Issue #7 in the browser: organizers and editors download every export from their dashboards, find
// each download in the audit log and export the log itself; the admin reads the whole log; an
// organizer erases a nominated person and sets a retention period; members are refused.
//
// Demo data this file relies on, chosen so it can run beside the other specs:
// - "Jonge Ambtenaar van het Jaar" (current year) has an open public vote with ballots; voting.spec
//   casts more ballots in parallel, so a row count is compared with the count the page shows before
//   and after the downloads (equal when nothing changed meanwhile).
// - Last year's "Top 100 Ambtenaar" is finished and no other spec touches it: every dataset has rows
//   and the three formats must agree.
// - Last year's "Overheidsmanager" nominee Hanna de Groot (a name no other nominee, results snapshot
//   or spec uses) is erased here; last year's "Overheidsorganisatie 2.0" gets a retention period.
// - The book project (book.spec adds a proposal, an author and a portrait in parallel: counts as above).
// - lid57 is a member no other spec uses.
const YEAR = new Date().getFullYear();
const PAST = YEAR - 1;
const ORGANIZER = "organisator@lauwer.test";
const ORGANIZER_NAME = "Otto Organisator";
const EDITOR = "redacteur@lauwer.test";
const EDITOR_NAME = "Ruud Redacteur";
const ADMIN = "beheerder@lauwer.test";
const MEMBER = "lid57@lauwer.test";
const PROJECT_SLUG = "ambtenaren-200-jaar";
const PROJECT = "Ambtenaren! 200 jaar werken aan Nederland in 100 portretten";
const ERASED = { award: "overheidsmanager", name: "Hanna de Groot", edition: `Overheidsmanager van het Jaar ${PAST}` };

const FORMATS = [
  { format: "csv", label: "CSV" },
  { format: "xlsx", label: "Excel (XLSX)" },
  { format: "json", label: "JSON" },
] as const;
type Format = (typeof FORMATS)[number]["format"];

interface Dataset {
  /** The dataset's name on the export page (and in its link labels). */
  name: string;
  /** The column headers, in Dutch, in file order. */
  headers: string[];
}

const AWARD_DATASETS: Record<string, Dataset> = {
  nominaties: {
    name: "Nominaties",
    headers: [
      "Genomineerde-id",
      "Naam genomineerde",
      "Soort",
      "Organisatie",
      "Categorie",
      "Status genomineerde",
      "Toestemming",
      "Nominatie-id",
      "Soort nominatie",
      "Indiener",
      "Organisatie indiener",
      "Motivatie",
      "Videolink",
      "Ingediend op",
      "Referenties",
      "Verklaringen",
    ],
  },
  kandidaten: {
    name: "Kandidaten",
    headers: ["Kandidaat-id", "Kandidaat", "Soort", "Organisatie", "Categorie", "Nominaties", "Toestemming", "Toestemming op"],
  },
  tellingen: {
    name: "Tellingen",
    headers: [
      "Rondenummer",
      "Ronde",
      "Stemwijze",
      "Categorie",
      "Plaats",
      "Kandidaat-id",
      "Kandidaat",
      "Stemmen",
      "Punten",
      "Eerste voorkeuren",
      "Gelijk",
      "Geldige stembiljetten in categorie",
    ],
  },
  stemmen: {
    name: "Stemmen",
    headers: [
      "Rondenummer",
      "Ronde",
      "Categorie",
      "Kiezer (pseudoniem)",
      "Versie",
      "Uitgebracht op",
      "Gewijzigd op",
      "Voorkeur",
      "Kandidaat-id",
      "Kandidaat",
      "Ongeldig",
      "Reden ongeldig",
    ],
  },
  jurycijfers: {
    name: "Jurycijfers",
    headers: [
      "Rondenummer",
      "Ronde",
      "Jurylid",
      "Kandidaat-id",
      "Kandidaat",
      "Criterium",
      "Gewicht",
      "Cijfer",
      "Belangenverstrengeling",
      "Toelichting",
      "Bijgewerkt op",
    ],
  },
  juryuitslag: {
    name: "Jury-uitslag",
    headers: [
      "Rondenummer",
      "Ronde",
      "Categorie",
      "Plaats",
      "Kandidaat-id",
      "Kandidaat",
      "Juryscore",
      "Aantal juryleden",
      "Laagste",
      "Hoogste",
      "Standaarddeviatie",
      "Te weinig cijfers",
      "Gelijk",
      "Ingevulde scoreformulieren",
      "Verwachte scoreformulieren",
    ],
  },
  uitslag: {
    name: "Uitslag en prijzen",
    headers: [
      "Prijs",
      "Soort prijs",
      "Categorie",
      "Plaats",
      "Gelijk",
      "Kandidaat-id",
      "Kandidaat",
      "Organisatie",
      "Stemmen",
      "Punten",
      "Eerste voorkeuren",
      "Publieksscore",
      "Juryscore",
      "Gecombineerde score",
      "Gelijkstand beslecht door",
    ],
  },
};

const BOOK_DATASETS: Record<string, Dataset> = {
  voordrachten: {
    name: "Voordrachten",
    headers: [
      "Id",
      "Naam",
      "Status",
      "Thema",
      "Geboortejaar",
      "Sterfjaar",
      "In dienst vanaf",
      "In dienst tot",
      "Organisatie",
      "Functie",
      "Motivatie",
      "Bronnen",
      "Steunbetuigingen",
      "Reacties",
      "Voorgedragen door",
      "Voorgedragen op",
      "Status gewijzigd op",
      "Reden van afwijzing",
      "Samengevoegd met",
    ],
  },
  auteurs: {
    name: "Auteurs",
    headers: [
      "Auteur",
      "Over de auteur",
      "Expertise",
      "Periode vanaf",
      "Periode tot",
      "Voorbeeld van schrijfwerk",
      "Capaciteit",
      "Beschikbaarheid",
      "Aantal opdrachten",
      "Opdrachten (portret — status)",
      "Aantal schrijfwensen",
      "Schrijfwensen (keus: portret — motivatie)",
      "Aangemeld op",
    ],
  },
  manuscripten: {
    name: "Portretten",
    headers: [
      "Id",
      "Portret",
      "Thema",
      "Auteur",
      "Status",
      "Inleveren uiterlijk",
      "Te laat",
      "Aantal versies",
      "Woorden (laatste versie)",
      "Laatst ingediend op",
      "Gepubliceerd op",
    ],
  },
};

/** Columns of an award's or project's audit log export for its organizers and editors (no e-mail, no IP). */
const AUDIT_HEADERS = [
  "Nummer",
  "Tijdstip",
  "Wie",
  "Handeling",
  "Soort onderwerp",
  "Id van het onderwerp",
  "Gewijzigde velden",
  "Voor (JSON)",
  "Na (JSON)",
];
/** Platform admins also get the actor's e-mail address, the scope and the IP address. */
const ADMIN_AUDIT_HEADERS = [
  "Nummer",
  "Tijdstip",
  "Wie",
  "E-mailadres",
  "Handeling",
  "Soort onderwerp",
  "Id van het onderwerp",
  "Prijs (id)",
  "Boekproject (id)",
  "Gewijzigde velden",
  "Voor (JSON)",
  "Na (JSON)",
  "IP-adres",
];

/** ISO 8601 with the Europe/Amsterdam offset (winter +01:00, summer +02:00). */
const AMSTERDAM_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+0[12]:00$/;
const DAY = String.raw`\d{4}-\d{2}-\d{2}`;

async function logInAs(page: Page, email: string) {
  await logIn(page, email, DEMO_PASSWORD);
  await expect(notice(page, "Je bent ingelogd")).toBeVisible();
  await expectAccessible(page);
}

/** The notice shown after a redirect (other live regions on a page have other texts). */
const notice = (page: Page, text: string) => page.getByRole("status").filter({ hasText: text });
const h1 = (page: Page, name: string) => page.getByRole("heading", { level: 1, name, exact: true });
const expectPath = (page: Page, path: string) => expect.poll(() => new URL(page.url()).pathname).toBe(path);

interface Downloaded {
  name: string;
  body: Buffer;
}

/** Clicks a download link and waits for the whole file. */
async function download(page: Page, linkName: string): Promise<Downloaded> {
  const link = page.getByRole("link", { name: linkName, exact: true });
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(await file.failure(), `download of ${linkName}`).toBeNull();
  const body = await readFile((await file.path())!);
  return { name: file.suggestedFilename(), body };
}

/** The parsed file: its header row and data rows as text (CSV and XLSX) or objects (JSON). */
interface Parsed {
  headers: string[];
  rows: unknown[][];
}

async function parseFile(format: Format, body: Buffer, headers: string[]): Promise<Parsed> {
  if (format === "csv") {
    const records = parse(body, { bom: true, relax_column_count: false }) as string[][];
    expect(records.length, "CSV has a header row").toBeGreaterThanOrEqual(1);
    return { headers: records[0]!, rows: records.slice(1) };
  }
  if (format === "json") {
    const items = JSON.parse(body.toString("utf8")) as unknown;
    expect(Array.isArray(items), "JSON is an array").toBe(true);
    const objects = items as Record<string, unknown>[];
    // JSON has keys, not headers: every item has one key per column.
    expect(objects.filter((item) => Object.keys(item).length !== headers.length)).toEqual([]);
    return { headers, rows: objects.map((item) => Object.values(item)) };
  }
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as never);
  expect(book.worksheets).toHaveLength(1);
  const sheet = book.worksheets[0]!;
  const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
  const rows: unknown[][] = [];
  for (let n = 2; n <= sheet.rowCount; n++) rows.push(values(n));
  return { headers: values(1).map(String), rows };
}

/** The row counts the export page shows per dataset (Dutch number format, "1.234"). */
async function shownCounts(page: Page, datasets: Record<string, Dataset>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [key, { name }] of Object.entries(datasets)) {
    const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) });
    await expect(row).toHaveCount(1);
    const text = (await row.getByRole("cell").nth(2).textContent())!.trim();
    expect(text, `row count of ${name}`).toMatch(/^\d{1,3}(\.\d{3})*$/);
    counts[key] = Number(text.replace(/\./g, ""));
  }
  return counts;
}

/**
 * On an export page: downloads every dataset in every format, checks the file name, the Dutch
 * headers and the row count against the page. The page is reloaded before each dataset: Chromium
 * drops a frame's download requests beyond ten a second (a throttle against abuse, no switch to turn
 * it off), and the reload also gives each dataset a fresh count. Other specs may add rows meanwhile,
 * so a file's rows must lie between the counts shown before and after its downloads (equal when
 * nothing changed). Returns the parsed files.
 */
async function downloadEvery(
  page: Page,
  datasets: Record<string, Dataset>,
  fileName: (dataset: string, format: Format) => RegExp,
): Promise<Record<string, Record<Format, Parsed>>> {
  const files: Record<string, Record<Format, Parsed>> = {};
  const entries = Object.entries(datasets);
  let shown = await shownCounts(page, datasets);
  for (const [i, [dataset, spec]] of entries.entries()) {
    if (i > 0) {
      await page.reload();
      shown = await shownCounts(page, datasets);
    }
    const before = shown[dataset]!;
    const byFormat: Partial<Record<Format, Parsed>> = {};
    for (const { format, label } of FORMATS) {
      const file = await download(page, `${spec.name} als ${label}`);
      expect(file.name).toMatch(fileName(dataset, format));
      expect(file.body.length, `${file.name} is not empty`).toBeGreaterThan(0);
      if (format !== "xlsx") {
        // Never an e-mail address in an export (nominees, references, voters, members, authors).
        expect(file.body.toString("utf8"), `${file.name} holds no e-mail address`).not.toMatch(/@(example\.nl|lauwer\.test)/);
      }
      const parsed = await parseFile(format, file.body, spec.headers);
      expect(parsed.headers, `headers of ${file.name}`).toEqual(spec.headers);
      byFormat[format] = parsed;
    }
    await page.reload();
    const after = (await shownCounts(page, datasets))[dataset]!;
    for (const [format, parsed] of Object.entries(byFormat)) {
      const rows = parsed.rows.length;
      if (before === after) expect(rows, `${dataset}.${format}: rows as shown on the page`).toBe(before);
      else {
        expect(rows, `${dataset}.${format}: rows between the counts shown`).toBeGreaterThanOrEqual(Math.min(before, after));
        expect(rows, `${dataset}.${format}: rows between the counts shown`).toBeLessThanOrEqual(Math.max(before, after));
      }
    }
    files[dataset] = byFormat as Record<Format, Parsed>;
  }
  return files;
}

const awardFileName = (award: string, year: number) => (dataset: string, format: Format) =>
  new RegExp(`^lauwer-${dataset}-${award}-${year}-${DAY}\\.${format}$`);

test("the organizer downloads every dataset of a running edition in every format and finds each export in the award's audit log", async ({
  page,
}) => {
  test.setTimeout(600_000); // a hang guard only: a busy machine may take many times as long
  const edition = `Jonge Ambtenaar van het Jaar ${YEAR}`;
  await logInAs(page, ORGANIZER);

  await test.step("from the moderation page to the export page", async () => {
    await page.goto(`/beheer/prijzen/jonge-ambtenaar/${YEAR}/moderatie`);
    await expect(h1(page, `Moderatie: ${edition}`)).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Exporteren", exact: true }).click();
    await expect(h1(page, `Exporteren — ${edition}`)).toBeVisible();
    await expectPath(page, `/beheer/prijzen/jonge-ambtenaar/${YEAR}/export`);
    await expectAccessible(page);
  });

  await test.step("seven datasets × three formats", async () => {
    const files = await downloadEvery(page, AWARD_DATASETS, awardFileName("jonge-ambtenaar", YEAR));
    // The open public vote has ballots: pseudonymous voters, never a member's name; Amsterdam times.
    const ballots = files.stemmen!.csv.rows as string[][];
    expect(ballots.length).toBeGreaterThan(0);
    // A ballot whose member deleted their account stays counted but is no longer linked to anyone
    // (ADR 0026; account.spec deletes a demo voter), so it has no pseudonym; every other ballot has one.
    expect(ballots.filter((b) => /^[0-9a-f]{12,}$/.test(b[3] ?? "")).length).toBeGreaterThan(ballots.length / 2);
    for (const ballot of ballots) {
      expect(ballot[3]).toMatch(/^(?:[0-9a-f]{12,})?$/);
      expect(ballot[5]).toMatch(AMSTERDAM_ISO);
      expect(ballot.join(" ")).not.toContain("Demolid");
    }
    // An unknown dataset is not a file.
    expect((await page.request.get(`/beheer/prijzen/jonge-ambtenaar/${YEAR}/export/kiezers.csv`)).status()).toBe(404);
  });

  await test.step("the award's audit log, filtered on exports, lists each download", async () => {
    await page.getByRole("link", { name: "Auditlog bekijken en exporteren" }).click();
    await expect(h1(page, "Auditlog van Jonge Ambtenaar van het Jaar")).toBeVisible();
    await expectAccessible(page);
    const filters = page.getByRole("search", { name: "Auditlog filteren" });
    await filters.getByLabel("Handeling").selectOption("export");
    await filters.getByRole("button", { name: "Filteren" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("actie")).toBe("export");
    await expect(page.getByText("21 regels gevonden.")).toBeVisible();
    const table = page.getByRole("table", { name: "Auditlog, nieuwste eerst" });
    const rows = table.getByRole("row").filter({ hasText: ORGANIZER_NAME });
    await expect(rows).toHaveCount(21);
    for (const dataset of Object.keys(AWARD_DATASETS)) {
      const ofDataset = rows.filter({ hasText: `Gegevens: van leeg naar ${dataset}` });
      await expect(ofDataset).toHaveCount(3);
      for (const { format } of FORMATS) await expect(ofDataset.filter({ hasText: `Formaat: van leeg naar ${format}` })).toHaveCount(1);
    }
    await expectAccessible(page);
  });

  await test.step("the filtered log as CSV holds those rows (and its own export, audited first)", async () => {
    const file = await download(page, "Download als CSV");
    expect(file.name).toMatch(new RegExp(`^lauwer-auditlog-jonge-ambtenaar-${DAY}\\.csv$`));
    const [headers, ...records] = parse(file.body, { bom: true }) as string[][];
    expect(headers).toEqual(AUDIT_HEADERS);
    expect(records).toHaveLength(22);
    const col = (name: string) => AUDIT_HEADERS.indexOf(name);
    const exported = records.map((r) => {
      expect(r[col("Handeling")]).toBe("export");
      expect(r[col("Wie")]).toBe(ORGANIZER_NAME);
      expect(r[col("Tijdstip")]).toMatch(AMSTERDAM_ISO);
      const after = JSON.parse(r[col("Na (JSON)")]!) as { dataset: string; format: string };
      return `${after.dataset}.${after.format}`;
    });
    const expected = Object.keys(AWARD_DATASETS).flatMap((d) => FORMATS.map(({ format }) => `${d}.${format}`));
    expect(exported.sort()).toEqual([...expected, "auditlog.csv"].sort());
    // The newest row is the export of the log itself, with its filter.
    expect(JSON.parse(records[0]![col("Na (JSON)")]!)).toEqual({ dataset: "auditlog", format: "csv", filters: { action: "export" } });

    await page.reload();
    await expect(page.getByText("22 regels gevonden.")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "Gegevens: van leeg naar auditlog" })).toHaveCount(1);
  });
});

test("the organizer's exports of a finished edition have rows in every dataset, and the three formats agree", async ({ page }) => {
  test.setTimeout(600_000); // a hang guard only: a busy machine may take many times as long
  const edition = `Top 100 Ambtenaar van het Jaar ${PAST}`;
  await logInAs(page, ORGANIZER);
  await page.goto(`/beheer/prijzen/top-100-ambtenaar/${PAST}/moderatie`);
  await expect(h1(page, `Moderatie: ${edition}`)).toBeVisible();
  await page.getByRole("link", { name: "Exporteren", exact: true }).click();
  await expect(h1(page, `Exporteren — ${edition}`)).toBeVisible();
  await expectAccessible(page);

  const files = await downloadEvery(page, AWARD_DATASETS, awardFileName("top-100-ambtenaar", PAST));
  for (const [dataset, byFormat] of Object.entries(files)) {
    const csv = byFormat.csv!.rows;
    expect(csv.length, `${dataset} has rows`).toBeGreaterThan(0);
    // Same rows in the same order: the first two columns (ids, numbers, names) as text.
    const key = (rows: unknown[][]) =>
      rows.map((r) =>
        r
          .slice(0, 2)
          .map((v) => (v === null || v === undefined ? "" : String(v)))
          .join("|"),
      );
    expect(key(byFormat.xlsx!.rows), `${dataset}: XLSX equals CSV`).toEqual(key(csv));
    expect(key(byFormat.json!.rows), `${dataset}: JSON equals CSV`).toEqual(key(csv));
  }
  // Jury scores: the three demo criteria, scores on the 1–10 scale.
  for (const score of files.jurycijfers!.csv.rows as string[][]) {
    expect(["Impact", "Vakmanschap", "Samenwerking"]).toContain(score[5]);
    expect(Number(score[7])).toBeGreaterThanOrEqual(1);
    expect(Number(score[7])).toBeLessThanOrEqual(10);
  }
  // The Top 100 in the export is the public Top 100: same length, same order of names.
  const top100 = (files.uitslag!.csv.rows as string[][]).filter((r) => r[1] === "Top 100").map((r) => r[6]);
  expect(top100.length).toBeGreaterThan(50);
  await page.goto(`/prijzen/top-100-ambtenaar/${PAST}/top-100`);
  await expect(h1(page, "Top 100 Ambtenaar van het Jaar")).toBeVisible();
  // The ranked list (the edition's sub-navigation is a list too).
  const list = page.getByRole("main").getByRole("list").filter({ hasText: top100[0]! }).getByRole("listitem");
  await expect(list).toHaveCount(top100.length);
  expect(await list.locator("strong").allTextContents()).toEqual(top100);
  await expectAccessible(page);
});

test("the book editor downloads every dataset of the project and reads its audit log", async ({ page }) => {
  test.setTimeout(600_000); // a hang guard only: a busy machine may take many times as long
  const base = `/beheer/boeken/${PROJECT_SLUG}`;
  await logInAs(page, EDITOR);
  await page.goto(base);
  await expect(h1(page, `Beheer: ${PROJECT}`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Exporteren (CSV, Excel, JSON)" }).click();
  await expect(h1(page, `Exports van ${PROJECT}`)).toBeVisible();
  await expectPath(page, `${base}/export`);
  await expectAccessible(page);

  const files = await downloadEvery(
    page,
    BOOK_DATASETS,
    (dataset, format) => new RegExp(`^lauwer-${dataset}-${PROJECT_SLUG}-${DAY}\\.${format}$`),
  );
  for (const [dataset, byFormat] of Object.entries(files)) expect(byFormat.csv!.rows.length, `${dataset} has rows`).toBeGreaterThan(0);

  await page.getByRole("link", { name: "Auditlog van het boekproject" }).click();
  await expect(h1(page, `Auditlog van ${PROJECT}`)).toBeVisible();
  await expectAccessible(page);
  const filters = page.getByRole("search", { name: "Auditlog filteren" });
  await filters.getByLabel("Handeling").selectOption("export");
  await filters.getByRole("button", { name: "Filteren" }).click();
  await expect(page.getByText("9 regels gevonden.")).toBeVisible();
  const rows = page.getByRole("table", { name: "Auditlog, nieuwste eerst" }).getByRole("row").filter({ hasText: EDITOR_NAME });
  await expect(rows).toHaveCount(9);
  for (const dataset of Object.keys(BOOK_DATASETS))
    await expect(rows.filter({ hasText: `Gegevens: van leeg naar ${dataset}` })).toHaveCount(3);
  await expectAccessible(page);
});

test("the admin opens the platform audit log from the account page, exports it and filters it by actor", async ({ page }) => {
  await logInAs(page, ADMIN);
  await page.goto("/account");
  await page.getByRole("link", { name: "Auditlog", exact: true }).click();
  await expect(h1(page, "Auditlog")).toBeVisible();
  await expectPath(page, "/beheer/audit");
  await expectAccessible(page);

  // The whole log as CSV, with the columns only admins get; the download is itself audited.
  const file = await download(page, "Download als CSV");
  expect(file.name).toMatch(new RegExp(`^lauwer-auditlog-platform-${DAY}\\.csv$`));
  const [headers, ...records] = parse(file.body, { bom: true }) as string[][];
  expect(headers).toEqual(ADMIN_AUDIT_HEADERS);
  expect(records.length).toBeGreaterThan(0);
  expect(records[0]![ADMIN_AUDIT_HEADERS.indexOf("E-mailadres")]).toBe(ADMIN);
  expect(records[0]![ADMIN_AUDIT_HEADERS.indexOf("Handeling")]).toBe("export");

  const filters = page.getByRole("search", { name: "Auditlog filteren" });
  await filters.getByLabel("Wie").fill(ADMIN);
  await filters.getByRole("button", { name: "Filteren" }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("wie")).toBe(ADMIN);
  await expect(page.getByText(/^\d+ regels? gevonden\.$/)).toBeVisible();
  const rows = page.getByRole("table", { name: "Auditlog, nieuwste eerst" }).getByRole("row");
  const body = rows.filter({ has: page.getByRole("cell") });
  await expect(body.filter({ hasText: "Gegevens: van leeg naar auditlog" }).first()).toBeVisible();
  // Every row is the admin's: admins see the e-mail address beside the name. (Asserted as "no row lacks
  // them", which waits for the filtered table: the address bar changes a moment before the table does,
  // and a count taken in between was the unfiltered page's.)
  await expect(body.first()).toBeVisible();
  await expect(body.filter({ hasNotText: ADMIN })).toHaveCount(0);
  await expect(body.filter({ hasNotText: "Bea Beheer" })).toHaveCount(0);
  await expectAccessible(page);

  // Nobody matches: an empty result, said in words.
  await filters.getByLabel("Wie").fill("niemand-heet-zo");
  await filters.getByRole("button", { name: "Filteren" }).click();
  await expect(page.getByText("Geen regels gevonden.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Auditlog, nieuwste eerst" })).toHaveCount(0);
  await expectAccessible(page);
});

test("the organizer erases a nominated person on request; the public pages no longer name them", async ({ page }) => {
  const list = `/prijzen/${ERASED.award}/${PAST}/kandidaten`;
  await logInAs(page, ORGANIZER);

  // Before: the public list and page name the candidate.
  await page.goto(list);
  const publicLink = page.getByRole("link", { name: ERASED.name });
  await expect(publicLink).toBeVisible();
  const publicPage = (await publicLink.getAttribute("href"))!;
  await publicLink.click();
  await expect(h1(page, ERASED.name)).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/beheer/prijzen/${ERASED.award}/${PAST}/moderatie`);
  await expect(h1(page, `Moderatie: ${ERASED.edition}`)).toBeVisible();
  await page.getByRole("link", { name: `Bekijk ${ERASED.name}` }).click();
  await expect(h1(page, ERASED.name)).toBeVisible();
  await expectAccessible(page);
  const moderationPage = new URL(page.url()).pathname;

  await page.getByRole("link", { name: "Persoon wissen (AVG)" }).click();
  await expect(h1(page, `Persoon wissen: ${ERASED.name}`)).toBeVisible();
  await expectPath(page, `${moderationPage}/wissen`);
  await expect(
    page.getByText("Gevonden: 1 dossier(s) van deze persoon (met samengevoegde dubbelen), 1 nominatie(s) en 0 referentie(s)."),
  ).toBeVisible();
  await expectAccessible(page);

  // Without a reason: the translated message, on the field that has the focus.
  const reason = page.getByLabel("Grondslag van het verzoek");
  const confirm = page.getByLabel("Ik begrijp dat wissen niet ongedaan kan worden gemaakt");
  await confirm.check();
  await page.getByRole("button", { name: "Definitief wissen" }).click();
  await expect(reason).toHaveAccessibleDescription("Kies de grondslag van het verzoek.");
  await expect(reason).toBeFocused();
  await expect(page.getByText("Vink aan dat u begrijpt dat wissen definitief is.")).toHaveCount(0);
  await expectPath(page, `${moderationPage}/wissen`);
  await expectAccessible(page);

  // A reason but no confirmation: refused too.
  await reason.selectOption({ label: "Verzoek van de persoon zelf" });
  await confirm.uncheck();
  await page.getByRole("button", { name: "Definitief wissen" }).click();
  await expect(page.getByText("Vink aan dat u begrijpt dat wissen definitief is.")).toBeVisible();
  await expect(confirm).toBeFocused();
  await expect(confirm).toHaveAccessibleDescription("Vink aan dat u begrijpt dat wissen definitief is.");
  await expect(h1(page, `Persoon wissen: ${ERASED.name}`)).toBeVisible();
  await expectAccessible(page);

  await confirm.check();
  await page.getByRole("button", { name: "Definitief wissen" }).click();
  await expect(notice(page, "De gegevens van deze persoon zijn gewist.")).toBeVisible();
  await expectPath(page, moderationPage);
  await expect(page.getByText(ERASED.name)).toHaveCount(0);
  await expectAccessible(page);

  // The erasure is audited without the erased data.
  await page.goto(`/beheer/prijzen/${ERASED.award}/auditlog?actie=nominee.erase`);
  await expect(page.getByText("1 regel gevonden.")).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText(ERASED.name);
  await expectAccessible(page);

  // Public: the list and the candidate's page no longer name the person.
  await page.goto(list);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: ERASED.name })).toHaveCount(0);
  await expect(page.getByRole("main")).not.toContainText(ERASED.name);
  await expectAccessible(page);
  await page.goto(publicPage);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText(ERASED.name);
  await expectAccessible(page);
});

test("the organizer sets the retention period of a finished edition from its procedure page", async ({ page }) => {
  const edition = `Overheidsorganisatie 2.0 van het Jaar ${PAST}`;
  await logInAs(page, ORGANIZER);
  await page.goto(`/beheer/prijzen/overheidsorganisatie-2-0/${PAST}/moderatie`);
  await expect(h1(page, `Moderatie: ${edition}`)).toBeVisible();
  await page.getByRole("link", { name: "Instellingen en procedure" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Instellingen en procedure/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Bewaartermijn persoonsgegevens" }).click();
  await expect(h1(page, "Bewaartermijn persoonsgegevens")).toBeVisible();
  await expectPath(page, `/beheer/prijzen/overheidsorganisatie-2-0/${PAST}/bewaartermijn`);
  // New editions keep personal data a year after they close (the default), this one too.
  const status = page.getByText(/^De editie is afgelopen op (.+); de persoonsgegevens worden geanonimiseerd vanaf (.+)\.$/);
  await expect(status).toBeVisible();
  const yearAfter = await status.textContent();
  const days = page.getByLabel("Bewaartermijn persoonsgegevens (dagen na afloop van de editie)");
  await expect(days).toHaveValue("365");
  await expectAccessible(page);

  await days.fill("veel");
  await page.getByRole("button", { name: "Bewaartermijn opslaan" }).click();
  await expect(days).toHaveAccessibleDescription(/Vul een aantal dagen in van 0 tot en met 3650, of laat het veld leeg\./);
  // The error summary has the focus; its link leads to the field.
  await expect(page.locator("#error-summary")).toBeFocused();
  await page
    .locator("#error-summary")
    .getByRole("link", { name: /Vul een aantal dagen in/ })
    .click();
  await expect(days).toBeFocused();
  await expectAccessible(page);

  // Ten years: the date moves on, and the hourly job leaves this edition alone while other specs run.
  await days.fill("3650");
  await page.getByRole("button", { name: "Bewaartermijn opslaan" }).click();
  await expect(notice(page, "De bewaartermijn is opgeslagen.")).toBeVisible();
  await expect(days).toHaveValue("3650");
  await expect(status).toBeVisible();
  await expect(status).not.toHaveText(yearAfter!);
  const [, closed, due] = /op (.+); .* vanaf (.+)\.$/.exec((await status.textContent())!)!;
  expect(Number(due!.slice(-4)) - Number(closed!.slice(-4))).toBeGreaterThanOrEqual(9);
  await expectAccessible(page);

  // Empty: kept until an organizer decides.
  await days.fill("");
  await page.getByRole("button", { name: "Bewaartermijn opslaan" }).click();
  await expect(notice(page, "De bewaartermijn is opgeslagen.")).toBeVisible();
  await expect(
    page.getByText(/^De editie is afgelopen op .+; zonder bewaartermijn worden de persoonsgegevens niet automatisch geanonimiseerd\.$/),
  ).toBeVisible();
  await expect(days).toHaveValue("");
  await expectAccessible(page);
});

test("a member is refused the exports and the audit logs", async ({ page }) => {
  await logInAs(page, MEMBER);
  for (const path of [
    `/beheer/prijzen/jonge-ambtenaar/${YEAR}/export`,
    "/beheer/prijzen/jonge-ambtenaar/auditlog",
    `/beheer/boeken/${PROJECT_SLUG}/export`,
    `/beheer/boeken/${PROJECT_SLUG}/auditlog`,
    "/beheer/audit",
  ]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(h1(page, "Geen toegang")).toBeVisible();
    await expectAccessible(page);
  }
  for (const path of [
    `/beheer/prijzen/jonge-ambtenaar/${YEAR}/export/stemmen.csv`,
    `/beheer/prijzen/jonge-ambtenaar/${YEAR}/export/nominaties.xlsx`,
    `/beheer/prijzen/jonge-ambtenaar/${YEAR}/export/kandidaten.nl.csv`,
    "/beheer/prijzen/jonge-ambtenaar/auditlog/auditlog.json",
    `/beheer/boeken/${PROJECT_SLUG}/export/auteurs.csv`,
    `/beheer/boeken/${PROJECT_SLUG}/export/auteurs.nl.csv`,
    "/beheer/audit/auditlog.csv",
    "/beheer/audit/auditlog.nl.csv",
  ]) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(403);
    expect(res.headers()["content-disposition"], path).toBeUndefined();
  }
});
