import i18next, { type i18n, type TFunction } from "i18next";
import { en } from "./locales/en";
import { nl } from "./locales/nl";

export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "nl";
export const LOCALE_COOKIE = "lauwer_lang";

export const resources = { nl: { translation: nl }, en: { translation: en } } as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** A ready, synchronous i18next instance for one locale (one per request on the server). */
export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    resources,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes; mails are plain text
    returnNull: false,
  });
  return instance;
}

const fixed = new Map<Locale, TFunction>();
/** A translate function for a locale outside React (mails, server messages). */
export function translator(locale: Locale): TFunction {
  let t = fixed.get(locale);
  if (!t) {
    t = createI18n(locale).t;
    fixed.set(locale, t);
  }
  return t;
}
