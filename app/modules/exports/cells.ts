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

/** A cell as text for CSV and JSON-safe output: dates as ISO 8601 (Amsterdam), null as empty, text neutralised. */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return isoAmsterdam(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return neutralise(value);
}
