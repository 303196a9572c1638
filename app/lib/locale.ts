// The page's language as the rest of the world sees it: the Intl locale, the time zone every date is
// shown in (the same on server and browser), localized database texts, and date and number formatting.
// Client-safe: imported by routes, components and server modules alike.
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/i18n";

/** Every date is shown and entered in Amsterdam time, wherever the server or the browser runs. */
export const TIME_ZONE = "Europe/Amsterdam";

/** The Intl locale of a page language: Dutch as in the Netherlands, English as in Britain. */
export function intlLocale(locale: Locale): "nl-NL" | "en-GB" {
  return locale === "en" ? "en-GB" : "nl-NL";
}

/** The English text on an English page when there is one; the Dutch text otherwise (also when English is empty). */
export function pick(locale: Locale, nl: string, en: string): string {
  return locale === "en" && en ? en : nl;
}

const LONG_DATE: Intl.DateTimeFormatOptions = { dateStyle: "long" };

function dateFormatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, ...options });
}

/** A date (or time) for people to read, in Amsterdam time; a long date unless options say otherwise. */
export function formatDate(locale: Locale, date: Date | string | number, options: Intl.DateTimeFormatOptions = LONG_DATE): string {
  return dateFormatter(locale, options).format(new Date(date));
}

/** A number for people to read: 81,5 and 1.234 on Dutch pages, 81.5 and 1,234 on English ones. */
export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(intlLocale(locale), options).format(value);
}

/** The language of the page being rendered, as i18next knows it. */
export function usePageLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === "en" ? "en" : "nl";
}

/**
 * Formats dates in the page's language, always in Amsterdam time (the same on server and browser):
 * a long date unless options say otherwise. An empty value gives the fallback.
 */
export function useDateFormat(options: Intl.DateTimeFormatOptions = LONG_DATE) {
  const fmt = dateFormatter(usePageLocale(), options);
  return (date: Date | string | null | undefined, fallback = ""): string => (date ? fmt.format(new Date(date)) : fallback);
}

/** Formats numbers in the page's language (decimal comma and thousands dot on Dutch pages). */
export function useNumberFormat(options?: Intl.NumberFormatOptions) {
  const fmt = new Intl.NumberFormat(intlLocale(usePageLocale()), options);
  return (value: number): string => fmt.format(value);
}

function wallClockPart(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)!.value;
}

const WALL_CLOCK = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** The Amsterdam wall-clock reading of an instant, as zero-padded fields (for machine formats, not for people). */
export function wallClock(date: Date): { year: string; month: string; day: string; hour: string; minute: string; second: string } {
  const parts = WALL_CLOCK.formatToParts(date);
  return {
    year: wallClockPart(parts, "year"),
    month: wallClockPart(parts, "month"),
    day: wallClockPart(parts, "day"),
    hour: wallClockPart(parts, "hour"),
    minute: wallClockPart(parts, "minute"),
    second: wallClockPart(parts, "second"),
  };
}

/** 2026-11-23: the day of an instant in Amsterdam. */
export function isoDay(date: Date): string {
  const c = wallClock(date);
  return `${c.year}-${c.month}-${c.day}`;
}

/** 2026-11-23T18:30: an instant as the value of a datetime-local field, in Amsterdam time ("" for none). */
export function dateTimeLocalValue(date: Date | null): string {
  if (!date) return "";
  const c = wallClock(date);
  return `${c.year}-${c.month}-${c.day}T${c.hour}:${c.minute}`;
}
