import { once } from "node:events";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import type ExcelJS from "exceljs";
import { cellText, isoAmsterdam, neutralise, neutraliseCsv, type Cell } from "./cells";

// Writers that stream an export in CSV (csv-stringify), XLSX (ExcelJS's streaming workbook writer)
// or JSON, row by row: memory stays bounded however many rows the database cursor yields.

export const FORMATS = ["csv", "xlsx", "json"] as const;
export type ExportFormat = (typeof FORMATS)[number];

export interface ExportColumn {
  key: string;
  /** The column header, already translated into the reader's language. */
  header: string;
}

export interface ExportSpec {
  /** File name without extension, e.g. lauwer-stemmen-jonge-ambtenaar-2026. */
  filename: string;
  /** Worksheet name in XLSX (31 characters at most). */
  sheet: string;
  columns: ExportColumn[];
  rows: AsyncIterable<Record<string, Cell>>;
  /**
   * The CSV records (everything after the header) written by other means than `rows`, e.g. by
   * PostgreSQL's COPY (the ballots export, ballots-copy.server.ts); must write exactly what `rows` would,
   * and end `out`.
   */
  csvRecords?: (separator: CsvSeparator, out: NodeJS.WritableStream) => Promise<void>;
}

/**
 * The CSV field separator: "," (RFC 4180, the default, for most programs) or ";" — what Excel and
 * LibreOffice expect with Dutch regional settings, whose list separator is ";" (ADR 0019). The ";"
 * variant also writes decimals with a decimal comma, as those settings read them.
 */
export const CSV_SEPARATORS = [",", ";"] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

/**
 * Fields csv-stringify must quote besides its own rule: any separator a reader may split on (",",
 * ";", tab), a quote, CR or LF. Needed because csv-stringify quotes only the configured delimiter and,
 * with `record_delimiter: "windows"`, only a CR LF pair — a bare LF or CR would end the record early.
 */
const MUST_QUOTE = /[,;\t\r\n"]/;

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json; charset=utf-8",
};

/** Characters XML 1.0 (and so XLSX) cannot hold; the app never stores them (forms refuse control characters). */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
export const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

type SheetValue = string | number | boolean | null | { richText: { text: string }[] };

/** A value for a spreadsheet cell: numbers stay numbers, dates become ISO 8601 text, text is neutralised. */
function sheetValue(value: Cell): SheetValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return isoAmsterdam(value);
  if (typeof value === "number" || typeof value === "boolean") return value;
  // XML readers turn a carriage return into a line feed anyway; write it as one.
  const text = neutralise(value.replace(XML_ILLEGAL, "")).replace(/\r\n?/g, "\n");
  // Without shared strings (which would keep every distinct string in memory) ExcelJS writes text as
  // t="str" cells, correctly escaped; its own reader then decodes entities such as "&lt;" twice. Text
  // with "&" goes into an inline rich-text cell instead, which every reader (ExcelJS included) reads back exactly.
  return text.includes("&") ? { richText: [{ text }] } : text;
}

/** A value for JSON: dates as ISO 8601 text, everything else as is (JSON is data, not a spreadsheet). */
function jsonValue(value: Cell): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return isoAmsterdam(value);
  return value;
}

/** The CSV writer: byte-order mark, header, records ending in CR LF, every field a reader could split quoted. */
function csvStringifier(columns: ExportColumn[], separator: CsvSeparator) {
  return stringify({
    bom: true, // Excel reads UTF-8 (ë, é) correctly only with a byte-order mark; so no "sep=" line (ADR 0019)
    header: true,
    delimiter: separator,
    columns: columns.map((c) => ({ key: c.key, header: neutraliseCsv(c.header) })),
    cast: {
      string: (v: string) => cellText(v),
      date: (v: Date) => cellText(v),
      boolean: (v: boolean) => (v ? "true" : "false"),
      number: (v: number) => (separator === ";" ? String(v).replace(".", ",") : String(v)),
    },
    record_delimiter: "windows",
    quote_record_delimiter: true,
    quoted_match: MUST_QUOTE,
  });
}

/** What the CSV writer writes before the first record: the byte-order mark and the header line. */
async function csvHead(columns: ExportColumn[], separator: CsvSeparator): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of csvStringifier(columns, separator).end()) chunks.push(Buffer.from(chunk as Buffer | string));
  return Buffer.concat(chunks);
}

/** Streams the export in the given format into `out` (any writable); resolves when everything is written. */
export async function writeExport(
  spec: ExportSpec,
  format: ExportFormat,
  out: NodeJS.WritableStream,
  separator: CsvSeparator = ",",
): Promise<void> {
  if (format === "csv" && spec.csvRecords) {
    out.write(await csvHead(spec.columns, separator));
    await spec.csvRecords(separator, out);
    return;
  }
  const source = Readable.from(spec.rows, { objectMode: true, highWaterMark: 256 });
  if (format === "csv") {
    const csv = csvStringifier(spec.columns, separator);
    await pipeline(source, csv, out);
    return;
  }
  if (format === "json") {
    let first = true;
    const json = new Transform({
      writableObjectMode: true,
      transform(row: Record<string, Cell>, _enc, done) {
        const obj: Record<string, string | number | boolean | null> = {};
        for (const c of spec.columns) obj[c.key] = jsonValue(row[c.key]);
        const text = (first ? "[\n" : ",\n") + JSON.stringify(obj);
        first = false;
        done(null, text);
      },
      flush(done) {
        done(null, first ? "[]\n" : "\n]\n");
      },
    });
    await pipeline(source, json, out);
    return;
  }
  // XLSX: rows are committed one by one, so the writer never holds the sheet in memory.
  // Loaded when the first XLSX is asked for: ExcelJS and its zip add ~28 MB to every process that imports them.
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out as never, useSharedStrings: false, useStyles: true });
  workbook.creator = "Lauwer";
  const sheet = workbook.addWorksheet(spec.sheet.slice(0, 31));
  sheet.columns = spec.columns.map((c) => ({
    header: neutralise(c.header),
    key: c.key,
    width: Math.min(60, Math.max(12, c.header.length + 2)),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let n = 0;
  for await (const row of source as AsyncIterable<Record<string, Cell>>) {
    const values: Record<string, SheetValue> = {};
    for (const c of spec.columns) values[c.key] = sheetValue(row[c.key]);
    sheet.addRow(values).commit();
    if (++n % 256 === 0) await xlsxBackpressure(sheet, out);
  }
  sheet.commit();
  await workbook.commit();
}

/** At most this much of a sheet may wait to be compressed, or to be read by the client, before rows wait. */
const XLSX_BACKLOG_BYTES = 1 << 20;

/**
 * Waits while the sheet's XML waits to be compressed, or the compressed file to be read. ExcelJS's
 * streaming writer ignores backpressure: its sheet stream writes every 64 KB batch into the zip entry's
 * compressor without waiting, so a cursor faster than zlib (always) or than the client piles the whole
 * file up in memory (589 MB at 1,000,000 rows). Its sheet stream's `pipes` (the compressor) is not in its
 * types; without it only the client is waited for.
 */
async function xlsxBackpressure(sheet: ExcelJS.Worksheet, out: NodeJS.WritableStream): Promise<void> {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown } }).stream?.pipes;
  for (const s of [...(Array.isArray(pipes) ? pipes : []), out] as Backlogged[]) {
    const backlog = s.writableLength ?? s._writableState?.length ?? 0;
    if (backlog <= XLSX_BACKLOG_BYTES || s.destroyed) continue;
    // Until it drains, or closes (a client that left): then the next write fails the export as usual.
    const done = new AbortController();
    await Promise.race([once(s, "drain", done), once(s, "close", done)]).catch(() => undefined);
    done.abort();
  }
}

/**
 * The part of a writable stream read here: Node's, or that of the readable-stream 2 package that
 * ExcelJS's zip (archiver) uses, which has no `writableLength` but the same `_writableState`.
 */
type Backlogged = NodeJS.EventEmitter & { writableLength?: number; _writableState?: { length?: number }; destroyed?: boolean };

/** An export ready to stream: what the route hands to `exportResponse` (app/lib/download.server.ts). */
export interface Download {
  spec: ExportSpec;
  format: ExportFormat;
  /** The CSV separator (CSV only; "," when absent). */
  separator?: CsvSeparator;
  /** What the error log says when the stream fails half-way. */
  log: Record<string, unknown>;
}
