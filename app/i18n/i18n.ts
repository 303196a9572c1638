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

/**
 * Texts of a few pages only (the statements, the organizer screens): kept out of the first page's
 * bundle and registered by the modules that use them (app/i18n/page-texts/), in every locale at once.
 */
const pageTexts: Record<string, Record<Locale, object>> = {};
/** The browser's i18next instance once hydrated: texts registered later (a page loaded on navigation) join it. */
let live: i18n | null = null;

/** The browser's entry names the instance React renders with (not the ones translator() makes for meta). */
export function keepPageTextsIn(instance: i18n): void {
  live = instance;
  for (const [ns, texts] of Object.entries(pageTexts))
    for (const locale of LOCALES) instance.addResourceBundle(locale, "translation", { [ns]: texts[locale] }, true, true);
}

export function registerPageTexts(namespace: string, texts: Record<Locale, object>): void {
  pageTexts[namespace] = texts;
  fixed.clear();
  if (live) for (const locale of LOCALES) live.addResourceBundle(locale, "translation", { [namespace]: texts[locale] }, true, true);
}

function withPageTexts(locale: Locale, messages: object) {
  return { ...messages, ...Object.fromEntries(Object.entries(pageTexts).map(([ns, texts]) => [ns, texts[locale]])) };
}

function resources() {
  return Object.fromEntries(
    Object.entries(registry).map(([locale, messages]) => [locale, { translation: withPageTexts(locale as Locale, messages) }]),
  );
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
