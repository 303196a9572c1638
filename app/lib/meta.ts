import type { MetaFunction } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, translator } from "~/i18n/i18n";

/** A meta function giving the page a translated <title>, in the visitor's language. */
export function titleMeta(key: string): MetaFunction {
  return ({ matches }) => {
    const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale;
    const t = translator(isLocale(locale) ? locale : DEFAULT_LOCALE);
    return [{ title: `${t(key)} — Lauwer` }];
  };
}
