import { inflateRawSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { neutralise, neutraliseCsv } from "~/modules/exports/cells";
import type { TestServer } from "./http";

export type JsonValue = string | number | boolean | null;

export interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

export async function download(app: TestServer, path: string, cookie?: string): Promise<Download> {
  const res = await app.request(path, cookie ? { headers: { cookie } } : {});
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/**
 * The uncompressed text of every entry of a zip file (an XLSX), read through its central directory
 * (streamed zips put the sizes there, not in the local headers). Lets tests search what a
 * spreadsheet really contains, byte for byte, instead of its compressed form.
 */
export function unzipText(zip: Buffer): string {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip file");
  const entries = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const parts: string[] = [];
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error("bad central directory");
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const skip = nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    parts.push((method === 8 ? inflateRawSync(data) : data).toString("utf8"));
    p += 46 + skip;
  }
  return parts.join("\n");
}

/** The searchable text of an export in any format: XLSX unzipped, the others as UTF-8. */
export function exportText(format: string, bytes: Buffer): string {
  return format === "xlsx" ? unzipText(bytes) : bytes.toString("utf8");
}

export function parseJson(bytes: Buffer): Record<string, JsonValue>[] {
  return JSON.parse(bytes.toString("utf8")) as Record<string, JsonValue>[];
}

/** CSV as header row + data rows of strings. */
export function parseCsv(bytes: Buffer): { header: string[]; rows: string[][] } {
  const records = parse(bytes, { bom: true, relax_column_count: false }) as string[][];
  return { header: records[0] ?? [], rows: records.slice(1) };
}

export async function parseXlsx(bytes: Buffer): Promise<{ header: string[]; rows: ExcelJS.Row[]; sheet: ExcelJS.Worksheet }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  const sheet = book.worksheets[0]!;
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (c) => header.push(c.text));
  const rows: ExcelJS.Row[] = [];
  for (let i = 2; i <= sheet.rowCount; i++) rows.push(sheet.getRow(i));
  return { header, rows, sheet };
}

/** What a CSV cell holds for a JSON value: text neutralised against formulas (CSV rule), null empty. */
export function csvText(value: JsonValue): string {
  if (value === null) return "";
  if (typeof value === "string") return neutraliseCsv(value);
  return String(value);
}

/** What a spreadsheet shows for a JSON value's text: neutralised, and CR read as LF (XML). */
export function sheetText(value: string): string {
  return neutralise(value).replace(/\r\n?/g, "\n");
}
