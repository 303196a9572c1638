import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { DEFAULT_LOCALE, isLocale, translator } from "~/i18n/i18n";

export { Heading2, Paragraph } from "~/components/nlds";

/** A version's heading line inside the history (an h3 under the history's h2). */
export function VersionHeading(props: HTMLAttributes<HTMLHeadingElement>) {
  return <h3 className="utrecht-heading-3 lauwer-bw-version" {...props} />;
}

/** Date and time in Dutch or English, Amsterdam time (the same on server and browser). */
export function useDateTimeFormat() {
  const { i18n } = useTranslation();
  const fmt = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  });
  return (iso: string) => fmt.format(new Date(iso));
}

/**
 * A page title "<page> — <project or subject> — Lauwer" in the visitor's language (for meta
 * functions); `params` fill the page key's placeholders. Leave out the context when the page's
 * heading already names it.
 */
export function writingTitle(
  matches: ReadonlyArray<{ id: string; data?: unknown }>,
  key: string,
  context?: string,
  params?: Record<string, string>,
) {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale;
  const t = translator(isLocale(locale) ? locale : DEFAULT_LOCALE);
  return [{ title: [t(key, params), context, "Lauwer"].filter(Boolean).join(" — ") }];
}
