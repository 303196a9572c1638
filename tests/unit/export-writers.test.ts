import { PassThrough, Writable } from "node:stream";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import naughty from "big-list-of-naughty-strings";
import { describe, expect, it } from "vitest";
import { neutralise, neutraliseCsv, type Cell } from "~/modules/exports/cells";
import { writeExport, XML_ILLEGAL, type CsvSeparator, type ExportFormat, type ExportSpec } from "~/modules/exports/writers.server";

// NUL is the one string PostgreSQL itself refuses in text, so it never reaches an export.
const STRINGS = (naughty as string[]).filter((s) => !s.includes("\u0000"));
const FORMULAS = ["=1+2", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("https://evil.example","x")', "=cmd|' /C calc'!A0"];

async function render(
  spec: Omit<ExportSpec, "rows">,
  rows: Record<string, Cell>[],
  format: ExportFormat,
  separator: CsvSeparator = ",",
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  async function* gen() {
    yield* rows;
  }
  await writeExport({ ...spec, rows: gen() }, format, out, separator);
  return Buffer.concat(chunks);
}

const spec = {
  filename: "test",
  sheet: "Test",
  columns: [
    { key: "n", header: "Nummer" },
    { key: "text", header: "Tekst" },
    { key: "when", header: "=Datum" },
    { key: "count", header: "Aantal" },
  ],
};
const rows = [...STRINGS, ...FORMULAS].map((text, n) => ({
  n,
  text,
  when: new Date(Date.UTC(2026, 10, 23, 17, 30, n % 60)),
  count: -(n + 1),
}));
const expected = (text: string) => neutralise(text);

describe("export writers", () => {
  it("CSV round-trips through a CSV parser with every naughty string neutralised", async () => {
    const bytes = await render(spec, rows, "csv");
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // BOM for Excel
    const records = parse(bytes, { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual(["Nummer", "Tekst", "'=Datum", "Aantal"]);
    expect(records).toHaveLength(rows.length);
    records.forEach((r, i) => {
      expect(r.Tekst).toBe(neutraliseCsv(rows[i]!.text));
      expect(r.Aantal).toBe(String(-(i + 1)));
      expect(r["'=Datum"]).toMatch(/^2026-11-23T18:30:\d\d\+01:00$/);
    });
    for (const f of FORMULAS) expect(records.some((r) => r.Tekst === neutraliseCsv(f) && r.Tekst.startsWith("'"))).toBe(true);
    expect(records.every((r) => !/^[=+\-@\t\r]/.test(r.Tekst!))).toBe(true);
  });

  it("CSV quotes every field holding a separator (, ;), tab, quote, CR or LF, with either separator (issue #15)", async () => {
    const hostile = ["ok;=1+1", "a,b", "regel\n=2*3", "regel\r=3*3", "tab\tx", 'zij zei "ja"', "gewoon"];
    const two = {
      filename: "t",
      sheet: "T",
      columns: [
        { key: "text", header: "Tekst" },
        { key: "x", header: "Getal" },
      ],
    };
    for (const separator of [",", ";"] as const) {
      const text = (
        await render(
          two,
          hostile.map((t) => ({ text: t, x: 2.5 })),
          "csv",
          separator,
        )
      ).toString("utf8");
      const lines = text.replace(/^\uFEFF/, "").split("\r\n");
      // One record per line: no bare LF or CR outside quotes, so every line is a whole record.
      expect(lines).toHaveLength(hostile.length + 2);
      expect(lines[0]).toBe(`Tekst${separator}Getal`);
      const number = separator === ";" ? '"2,5"' : "2.5";
      expect(lines.slice(1, -1)).toEqual([
        `"ok;'=1+1"${separator}${number}`,
        `"a,b"${separator}${number}`,
        `"regel\n'=2*3"${separator}${number}`,
        `"regel\r'=3*3"${separator}${number}`,
        `"tab\tx"${separator}${number}`,
        `"zij zei ""ja"""${separator}${number}`,
        `gewoon${separator}${number}`,
      ]);
      const records = parse(text, { bom: true, delimiter: separator }) as string[][];
      expect(records.slice(1).map((r) => r[0])).toEqual(hostile.map(neutraliseCsv));
    }
  });

  it("XLSX re-reads with ExcelJS with identical values, numbers as numbers, no formula cells", async () => {
    const bytes = await render(spec, rows, "xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as never);
    const sheet = book.getWorksheet("Test")!;
    expect(sheet.getRow(1).values).toEqual([undefined, "Nummer", "Tekst", "'=Datum", "Aantal"]);
    expect(sheet.rowCount).toBe(rows.length + 1);
    rows.forEach((row, i) => {
      const r = sheet.getRow(i + 2);
      expect(r.getCell(1).value).toBe(row.n);
      // An empty string is an empty cell in a spreadsheet; text is compared as the reader shows it.
      // XML cannot hold control characters such as ESC: XLSX drops them (the app's forms refuse them anyway).
      // XML also reads a carriage return as a line feed.
      expect(r.getCell(2).text).toBe(expected(row.text.replace(XML_ILLEGAL, "")).replace(/\r\n?/g, "\n"));
      expect(r.getCell(4).value).toBe(-(i + 1));
      for (let c = 1; c <= 4; c++) expect(r.getCell(c).type).not.toBe(ExcelJS.ValueType.Formula);
    });
  });

  it("XLSX stops taking rows while nobody reads the file, and finishes once it is read", async () => {
    // ExcelJS itself never waits for its compressor or its reader; without writeExport's backpressure it
    // takes every row at once and holds the file in memory (589 MB at 1,000,000 rows in the bench).
    const total = 300_000;
    let pulled = 0;
    async function* many() {
      for (let i = 0; i < total; i++) {
        pulled++;
        yield { n: i, text: `kandidaat ${(i * 7919).toString(36)} ${i}`, when: new Date(1_700_000_000_000 + i * 1000), count: i % 40 };
      }
    }
    const out = new PassThrough();
    let settled = false;
    const writing = writeExport({ ...spec, rows: many() }, "xlsx", out).finally(() => (settled = true));
    // Nobody reads: once the rows taken stop growing, the writer is waiting, well before the last row.
    let before = -1;
    while (pulled !== before) {
      before = pulled;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(settled).toBe(false);
    expect(pulled).toBeLessThan(total);
    // Read it: the rest follows, and the file holds every row.
    const chunks: Buffer[] = [];
    await Promise.all([
      writing,
      (async () => {
        for await (const chunk of out) chunks.push(chunk as Buffer);
      })(),
    ]);
    expect(pulled).toBe(total);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as never);
    const sheet = book.getWorksheet("Test")!;
    expect(sheet.rowCount).toBe(total + 1);
    expect(sheet.getRow(total + 1).getCell(1).value).toBe(total - 1);
  });

  it("JSON is an array of objects keyed by column, dates in Amsterdam time", async () => {
    const bytes = await render(spec, rows, "json");
    const data = JSON.parse(bytes.toString("utf8")) as Record<string, unknown>[];
    expect(data).toHaveLength(rows.length);
    expect(data[0]).toEqual({ n: 0, text: rows[0]!.text, when: "2026-11-23T18:30:00+01:00", count: -1 });
    expect(JSON.parse((await render(spec, [], "json")).toString("utf8"))).toEqual([]);
  });
});
