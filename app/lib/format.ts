// The number and date formats people read on Lauwer pages, in one place: built on the locale helpers
// (app/lib/locale.ts), so Dutch pages show 81,5 and 1.234 and Amsterdam times, English pages 81.5 and
// 1,234. Client-safe.
import type { Locale } from "~/i18n/i18n";
import { formatDate, formatNumber, usePageLocale } from "./locale";

const ONE_DECIMAL: Intl.NumberFormatOptions = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
const WHOLE: Intl.NumberFormatOptions = { maximumFractionDigits: 0 };
const PERCENT: Intl.NumberFormatOptions = { style: "percent", maximumFractionDigits: 1 };
const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: "long", timeStyle: "short" };
const SHORT_DATE: Intl.DateTimeFormatOptions = { day: "numeric", month: "long" };

/** The formats of one page language. */
export function formats(locale: Locale) {
  return {
    /** A count: 1.234 (whole numbers, with a thousands separator). */
    count: (n: number) => formatNumber(locale, n, WHOLE),
    /** A score or average: a whole number as is (80), anything else with one decimal (81,5). */
    score: (n: number) => formatNumber(locale, n, Number.isInteger(n) ? WHOLE : ONE_DECIMAL),
    /** A share from 0 to 1 as a percentage: 0,815 → 81,5%. */
    percent: (share: number) => formatNumber(locale, share, PERCENT),
    /** A day: 13 december 2026. */
    date: (d: Date | string | number) => formatDate(locale, d),
    /** A day without the year, as in a deadline this season: 13 december. */
    shortDate: (d: Date | string | number) => formatDate(locale, d, SHORT_DATE),
    /** A moment to the minute: 13 december 2026 om 17:00. */
    dateTime: (d: Date | string | number) => formatDate(locale, d, DATE_TIME),
  };
}

/** The formats of the page being rendered. */
export function useFormats() {
  return formats(usePageLocale());
}
