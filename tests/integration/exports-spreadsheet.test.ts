import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { AWARD_DATASETS } from "~/modules/exports/award-datasets.server";
import { BOOK_DATASETS } from "~/modules/exports/book-datasets.server";
import { MOTIVATION, proposalForm } from "../setup/book-proposals";
import { addAuthor, createWritingProject } from "../setup/book-writing";
import { createEdition, createUser, personInput } from "../setup/factories";
import { startTestServer, type TestServer } from "../setup/http";
import { sessionFor } from "../setup/voting";

// Finding 3 of issue #15: every CSV export opened in a real spreadsheet engine (LibreOffice Calc,
// headless, "evaluate formulas" on), read with the comma and with the semicolon as separator, the
// way a Dutch user's spreadsheet reads it. Hostile text is seeded through the real forms (a direct
// POST, bare LF and CR included). No cell may be a formula, every text must survive as text, and
// the file read with its own separator must have exactly the rows and columns of the export.

const run = promisify(execFile);
let app: TestServer;
let work: string;

/** Text a spreadsheet would run or split: formulas behind every separator a reader may split on. */
const HOSTILE = {
  semicolon: "ok;=1+1",
  link: 'x;=HYPERLINK("http://evil.example";"klik")',
  lf: "eerste regel\n=2*3",
  cr: "eerste regel\r=3*3",
  crlf: "regel\r\n@SUM(1)",
  at: "@SUM(1)",
  plus: "+1",
  minusFormula: "-1+1",
  tab: "tab\t=4*4",
  comma: "a,=5*5",
  wide: "＝1+1",
  quote: 'zij zei "=6*6"',
};
const TEXTS = Object.values(HOSTILE);

/** LibreOffice's CSV import options (FilterOptions of the "Text - txt - csv (StarCalc)" filter), by token:
 * 1 separator (ASCII code), 2 text delimiter ("), 3 character set (76 = UTF-8), 4 first line, 5 column
 * formats (none: standard, so numbers and formulas are detected), 6 language, 7 quoted field as text
 * (off), 8 detect special numbers (off), 9–11 export options, 12 sheet, 13 evaluate formulas (ON). */
const filter = (separator: "," | ";") =>
  `CSV:${separator.charCodeAt(0)},34,76,1,,${separator === ";" ? 1043 : 1033},false,false,false,false,false,-1,true`;

type Grid = { cells: ExcelJS.Cell[][]; rows: number; width: number };

/**
 * Opens every file in LibreOffice with `separator` (one soffice run for all of them), converts each
 * to XLSX and reads every used cell back.
 */
async function openInCalc(files: Array<{ name: string; csv: Buffer }>, separator: "," | ";"): Promise<Map<string, Grid>> {
  const dir = await mkdtemp(path.join(work, "run-"));
  const inputs: string[] = [];
  for (const f of files) {
    inputs.push(path.join(dir, `${f.name}.csv`));
    await writeFile(inputs.at(-1)!, f.csv);
  }
  // A private profile and HOME per run: soffice refuses to share a profile between processes.
  const profile = pathToFileURL(path.join(dir, "profile")).href;
  await run(
    "soffice",
    [
      `-env:UserInstallation=${profile}`,
      "--headless",
      `--infilter=${filter(separator)}`,
      "--convert-to",
      "xlsx",
      "--outdir",
      dir,
      ...inputs,
    ],
    { timeout: 300_000, env: { ...process.env, HOME: dir } },
  );
  const grids = new Map<string, Grid>();
  for (const f of files) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(path.join(dir, `${f.name}.xlsx`))) as never);
    const sheet = book.worksheets[0]!;
    const cells: ExcelJS.Cell[][] = [];
    let width = 0;
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const line: ExcelJS.Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        line[col - 1] = cell;
        width = Math.max(width, col);
      });
      cells[n - 1] = line;
    });
    grids.set(f.name, { cells, rows: sheet.actualRowCount === 0 ? 0 : sheet.rowCount, width });
  }
  return grids;
}

const FORMULA_START = /^[=+\-@＝＋－＠]/;

/** A cell's visible text; numbers as the text they were read from. */
function textOf(cell: ExcelJS.Cell | undefined): string {
  if (!cell || cell.value === null || cell.value === undefined) return "";
  const v = cell.value;
  if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  return String(v);
}

/** No cell is a formula (evaluated or not), and no text cell starts like one. */
function expectNoFormulas(grid: Grid, label: string) {
  for (const [r, line] of grid.cells.entries()) {
    for (const [c, cell] of (line ?? []).entries()) {
      if (!cell) continue;
      expect(cell.type, `${label} R${r + 1}C${c + 1}: ${JSON.stringify(cell.value)}`).not.toBe(ExcelJS.ValueType.Formula);
      if (typeof cell.value === "string") expect(cell.value, `${label} R${r + 1}C${c + 1}`).not.toMatch(FORMULA_START);
    }
  }
}

/** What the neutralisation may add: an apostrophe at the start of a field or right after a separator. */
const unNeutralised = (text: string) => text.replace(/(^|[,;\t\r\n])'/g, "$1");
/** Spreadsheets read a carriage return inside a cell as a line feed. */
const lines = (text: string) => text.replace(/\r\n?/g, "\n");

interface Export {
  name: string;
  path: string;
  cookie: string;
}

/**
 * Downloads `<file>.csv` (or `.nl.csv`) of every export and the JSON of the same dataset (the truth:
 * rows and values), opens the CSVs with the separator they were written with and checks every cell;
 * then with the other separator, as a reader who guessed wrong, and checks that nothing is evaluated
 * even so.
 */
async function checkExports(exports: Export[], variant: { suffix: "" | ".nl"; separator: "," | ";" }) {
  const files = [];
  for (const e of exports) {
    const csvRes = await app.request(`${e.path}${variant.suffix}.csv`, { headers: { cookie: e.cookie } });
    expect(csvRes.status, `${e.name}${variant.suffix}.csv`).toBe(200);
    const csv = Buffer.from(await csvRes.arrayBuffer());
    const jsonRes = await app.request(`${e.path}.json`, { headers: { cookie: e.cookie } });
    expect(jsonRes.status).toBe(200);
    const json = (await jsonRes.json()) as Record<string, string | number | boolean | null>[];
    files.push({ name: e.name, csv, json });
  }
  const grids = await openInCalc(files, variant.separator);
  const results = [];
  for (const { name, csv, json } of files) {
    // The header as the file itself says it (RFC 4180 parse of the first record).
    const header = (parse(csv, { bom: true, delimiter: variant.separator, to_line: 1 }) as string[][])[0]!;
    const label = `${name}${variant.suffix}.csv (${variant.separator})`;
    const grid = grids.get(name)!;
    expectNoFormulas(grid, label);
    // Rows × columns exactly: a header and one row per record, as wide as the header.
    expect(grid.rows, `${label} rows`).toBe(json.length + 1);
    expect(grid.width, `${label} columns`).toBe(header.length);
    // Every value survives as the text (or number) it was, only the apostrophes of neutralisation added.
    for (const [i, record] of json.entries()) {
      const values = Object.values(record);
      expect(values.length).toBe(header.length);
      for (const [c, value] of values.entries()) {
        const cell = grid.cells[i + 1]?.[c];
        const where = `${label} row ${i + 1} column ${header[c]}`;
        if (value === null || value === "") expect(textOf(cell), where).toBe("");
        else if (typeof value === "number") expect(Number(cell?.value), where).toBe(value);
        else expect(lines(unNeutralised(textOf(cell))), where).toBe(lines(unNeutralised(String(value))));
      }
    }
    results.push({ name, json, grid });
  }
  // The same files read with the other separator: columns may be wrong, but nothing may run.
  const other = variant.separator === "," ? ";" : ",";
  for (const [name, grid] of await openInCalc(files, other)) expectNoFormulas(grid, `${name}${variant.suffix}.csv read with ${other}`);
  return results;
}

interface Fixture {
  award: Export[];
  book: Export[];
  authors: number;
  /** The award's audit log (its export goes through the same writer). */
  auditLog: Export;
  awardId: string;
}
let fx: Fixture;

async function build(): Promise<Fixture> {
  const db = getDb();
  // An award whose nominations are open; the nominator's own account name is hostile.
  const e = await createEdition();
  const nominator = await createUser({ name: HOSTILE.link });
  const member = await sessionFor(nominator.id);
  const nominate = `/prijzen/${e.slug}/2026/nomineren`;
  const motivation = (payload: string) => `Zij heeft het loket voor aanvragen opnieuw ingericht met inwoners. ${payload} Einde.`;
  const forms = [
    { name: HOSTILE.semicolon, organisation: HOSTILE.link, motivation: motivation(HOSTILE.lf), relation: HOSTILE.cr },
    { name: HOSTILE.at, organisation: HOSTILE.tab, motivation: motivation(`${HOSTILE.crlf} ${HOSTILE.comma}`), relation: HOSTILE.comma },
    {
      name: HOSTILE.minusFormula,
      organisation: HOSTILE.plus,
      motivation: motivation(`${HOSTILE.quote} ${HOSTILE.wide}`),
      relation: HOSTILE.wide,
    },
  ];
  for (const [i, form] of forms.entries()) {
    const res = await app.request(nominate, {
      form: personInput(e.categoryIds[i % 2]!, {
        ...form,
        ref1Name: HOSTILE.lf,
        ref1Email: `ref-${i}@example.nl`,
        ref1Relation: HOSTILE.semicolon,
      }),
      headers: { cookie: member },
    });
    expect(res.status, `nomination ${i}: ${res.headers.get("location")} ${await res.clone().text()}`).toBe(302);
  }
  // Approved by the organizer, so the nominees are candidates too.
  await db.updateTable("nominee").set({ status: "approved" }).where("edition_id", "=", e.editionId).execute();
  const organizer = await createUser({ name: "Organisator Rekenblad" });
  await db
    .insertInto("role_grant")
    .values({ user_id: organizer.id, role: "organizer", award_id: e.awardId, edition_id: null, book_project_id: null })
    .execute();
  const organizerCookie = await sessionFor(organizer.id);
  const award = AWARD_DATASETS.map((d) => ({ name: d, path: `/beheer/prijzen/${e.slug}/2026/export/${d}`, cookie: organizerCookie }));

  // A book project: proposals through the proposal form, authors with several claims each.
  const f = await createWritingProject({ portraits: 3 });
  const proposer = await createUser({ name: HOSTILE.semicolon });
  const proposerCookie = await sessionFor(proposer.id);
  const themes = f.themes.map((id) => ({ id, slug: "" }));
  const proposals = [
    {
      name: HOSTILE.semicolon,
      organisation: HOSTILE.link,
      role: HOSTILE.at,
      source1Title: HOSTILE.link,
      motivation: `${HOSTILE.lf} ${MOTIVATION}`,
    },
    {
      name: HOSTILE.minusFormula,
      organisation: HOSTILE.tab,
      role: HOSTILE.comma,
      source1Title: HOSTILE.cr,
      motivation: `${HOSTILE.crlf} ${MOTIVATION}`,
    },
  ];
  for (const [i, p] of proposals.entries()) {
    const res = await app.request(`${f.base}/voordrachten/nieuw`, {
      form: proposalForm({ themes } as never, { ...p, source1Url: `https://example.nl/bron-${i};=1+1`, confirmDifferent: "true" }),
      headers: { cookie: proposerCookie },
    });
    expect(res.status, `proposal ${i}: ${res.headers.get("location")} ${await res.clone().text()}`).toBe(303);
  }
  const authors = [await addAuthor(f, 2, HOSTILE.semicolon), await addAuthor(f, 3, "Bert Auteur")];
  await db
    .insertInto("book_claim")
    .values([
      ...f.portraits.map((p, i) => ({
        project_id: f.projectId,
        proposal_id: p,
        user_id: authors[0]!.id,
        rank: i + 1,
        motivation: TEXTS[i]!,
      })),
      ...f.portraits.map((p, i) => ({
        project_id: f.projectId,
        proposal_id: p,
        user_id: authors[1]!.id,
        rank: i + 1,
        motivation: "Ken de familie.",
      })),
    ])
    .execute();
  const book = BOOK_DATASETS.map((d) => ({ name: d, path: `${f.admin}/export/${d}`, cookie: f.editor.cookie }));
  return {
    award,
    book,
    authors: authors.length,
    auditLog: { name: "auditlog", path: `/beheer/prijzen/${e.slug}/auditlog/auditlog`, cookie: organizerCookie },
    awardId: e.awardId,
  };
}

beforeAll(async () => {
  await run("soffice", ["--version"], { timeout: 60_000 }); // fails loudly when LibreOffice is missing
  work = await mkdtemp(path.join(tmpdir(), "lauwer-calc-"));
  await mkdir(work, { recursive: true });
  app = await startTestServer();
  fx = await build();
}, 120_000);
afterAll(async () => {
  await app?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("CSV exports opened in LibreOffice Calc (formulas evaluated)", () => {
  for (const variant of [
    { suffix: "", separator: "," },
    { suffix: ".nl", separator: ";" },
  ] as const) {
    it(`award exports${variant.suffix} with "${variant.separator}": no formula, every text kept, rows × columns exact`, async () => {
      const seen = new Set<string>();
      for (const { grid } of await checkExports(fx.award, variant)) {
        for (const line of grid.cells) for (const cell of line ?? []) seen.add(lines(unNeutralised(textOf(cell))));
      }
      // The hostile texts did reach the files (so the test is not vacuous).
      const all = [...seen].join("\u0000");
      for (const text of [
        HOSTILE.semicolon,
        HOSTILE.link,
        HOSTILE.at,
        HOSTILE.tab,
        HOSTILE.comma,
        HOSTILE.plus,
        HOSTILE.minusFormula,
        HOSTILE.wide,
        HOSTILE.quote,
      ]) {
        expect(all, text).toContain(lines(text));
      }
      expect(all).toContain("=2*3");
    }, 600_000);

    it(`book exports${variant.suffix} with "${variant.separator}": auteurs opens as one row per author`, async () => {
      const seen = new Set<string>();
      for (const { name, grid, json } of await checkExports(fx.book, variant)) {
        if (name === "auteurs") expect(json.length).toBe(fx.authors);
        for (const line of grid.cells) for (const cell of line ?? []) seen.add(lines(unNeutralised(textOf(cell))));
      }
      const all = [...seen].join("\u0000");
      for (const text of [HOSTILE.semicolon, HOSTILE.link, HOSTILE.at, HOSTILE.minusFormula]) expect(all, text).toContain(text);
    }, 600_000);
  }

  it("the audit log has the ;-variant too: named -nl.csv, split by ;, no formula, its export audited with the separator", async () => {
    const res = await app.request(`${fx.auditLog.path}.nl.csv`, { headers: { cookie: fx.auditLog.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/-nl\.csv"$/);
    const csv = Buffer.from(await res.arrayBuffer());
    const records = parse(csv, { bom: true, delimiter: ";" }) as string[][];
    expect(records[0]!.length).toBeGreaterThan(5);
    for (const r of records) expect(r).toHaveLength(records[0]!.length);
    const grid = (await openInCalc([{ name: "auditlog-nl", csv }], ";")).get("auditlog-nl")!;
    expectNoFormulas(grid, "auditlog.nl.csv");
    expect(grid.rows).toBe(records.length);
    expect(grid.width).toBe(records[0]!.length);
    const entries = await getDb()
      .selectFrom("audit_log")
      .select("after")
      .where("action", "=", "export")
      .where("award_id", "=", fx.awardId)
      .execute();
    expect(entries.map((e) => e.after)).toContainEqual(expect.objectContaining({ dataset: "auditlog", format: "csv", separator: ";" }));
    expect(entries.map((e) => e.after)).toContainEqual({ dataset: "nominaties", format: "csv", separator: ";" });
    expect(entries.map((e) => e.after)).toContainEqual({ dataset: "nominaties", format: "csv" });
  }, 300_000);
});
