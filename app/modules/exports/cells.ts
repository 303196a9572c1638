// Cell values for exports (CSV, XLSX, JSON): neutralised against formula injection and with
// dates in ISO 8601 with the Europe/Amsterdam offset. Pure; shared by every export format.

/**
 * OWASP CSV injection: a text cell starting with =, +, -, @, tab or carriage return is read as a
 * formula by spreadsheet programs. Such text is prefixed with an apostrophe, which the programs
 * show as text and never evaluate. Numbers are written as numbers and need no prefix.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** 2026-11-23T18:30:05+01:00 — the instant in Amsterdam wall-clock time with its UTC offset. */
export function isoAmsterdam(date: Date): string {
  const p = Object.fromEntries(PARTS.formatToParts(date).map((x) => [x.type, x.value])) as Record<string, string>;
  const local = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  const offsetMinutes = Math.round((local - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

export type Cell = string | number | boolean | Date | null | undefined;

/** A cell as text for CSV and JSON-safe output: dates as ISO 8601 (Amsterdam), null as empty, text neutralised. */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return isoAmsterdam(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return neutralise(value);
}
