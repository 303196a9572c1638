// Cell values for exports (CSV, XLSX, JSON): neutralised against formula injection and with
// dates in ISO 8601 with the Amsterdam offset. Pure; shared by every export format.

import { wallClock } from "~/lib/locale";

/**
 * OWASP CSV injection: a text cell starting with =, +, -, @, tab or carriage return is read as a
 * formula by spreadsheet programs. Such text is prefixed with an apostrophe, which the programs
 * show as text and never evaluate. Numbers are written as numbers and need no prefix.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * CSV is read by programs that split fields on a separator we do not choose: Excel and LibreOffice
 * with Dutch settings split on ";", others on "," or tab, and a reader that ignores quotes splits a
 * field at every one of them and at a line break. So in CSV a formula start is neutralised not only at
 * the start of the field but after every character a reader may split on (",", ";", tab, CR, LF),
 * also when spaces come in between (a reader may trim them): an apostrophe is put right after the
 * separator, so `ok;=1+1` becomes `ok;'=1+1`, which shows as text in whatever cell it lands.
 * Formula starts: = + - @, their full-width forms (＝ ＋ － ＠, which some spreadsheets read as
 * formulas too), and a tab or CR at the very start of the field. Spaces are not counted as a
 * separator: no spreadsheet splits on them by default, and ordinary prose ("a - b") would be changed.
 * The writer also quotes every field holding a separator, a quote, tab, CR or LF (writers.server.ts),
 * so a reader that honours quotes keeps the field in one cell. See ADR 0019.
 */
const CSV_FORMULA = /(^|[,;\t\r\n])(?=[ \u00A0\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/g;

export function neutraliseCsv(text: string): string {
  const inner = text.replace(CSV_FORMULA, "$1'");
  return /^[\t\r]/.test(inner) ? `'${inner}` : inner;
}

const HOUR = 3_600_000;
const offsets = new Map<number, number>();

/**
 * Amsterdam's UTC offset in minutes at the start of a UTC hour. Since 1977 the clocks change at
 * 01:00 UTC, so the offset is constant within a UTC hour: Intl is asked once per hour (an export of a
 * million rows formats dates in microseconds instead of tens of microseconds).
 */
function offsetAt(hour: number): number {
  let minutes = offsets.get(hour);
  if (minutes === undefined) {
    const at = new Date(hour * HOUR);
    const p = wallClock(at);
    minutes = Math.round((Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - at.getTime()) / 60_000);
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(hour, minutes);
  }
  return minutes;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 2026-11-23T18:30:05+01:00 — the instant in Amsterdam wall-clock time (whole seconds) with its UTC offset. */
export function isoAmsterdam(date: Date): string {
  const ms = Math.floor(date.getTime() / 1000) * 1000;
  const offset = offsetAt(Math.floor(ms / HOUR));
  const local = new Date(ms + offset * 60_000);
  const abs = Math.abs(offset);
  return (
    `${String(local.getUTCFullYear()).padStart(4, "0")}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}` +
    `T${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}` +
    `${offset < 0 ? "-" : "+"}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}

export type Cell = string | number | boolean | Date | null | undefined;

/** A cell as CSV text: dates as ISO 8601 (Amsterdam), null as empty, text neutralised for CSV (`neutraliseCsv`). */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return isoAmsterdam(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return neutraliseCsv(value);
}
