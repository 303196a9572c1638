import i18next, { type i18n, type TFunction } from "i18next";
import type { Messages } from "./locales/nl";
// On the server every locale is there from the start; in the browser build this `.server` module is
// empty and entry.client.tsx registers the page's locale before hydrating.
import * as serverMessages from "./messages.server";

export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "nl";
export const LOCALE_COOKIE = "lauwer_lang";

const registry: Partial<Record<Locale, Messages>> = { ...(serverMessages.ALL_MESSAGES ?? {}) };

/** Makes a locale's texts available (the browser registers the page's locale before hydrating). */
export function registerMessages(locale: Locale, messages: Messages): void {
  registry[locale] = messages;
  fixed.delete(locale);
}

function resources() {
  return Object.fromEntries(Object.entries(registry).map(([locale, messages]) => [locale, { translation: messages }]));
}

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
    resources: resources(),
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
