import type { HTMLAttributes } from "react";
import { DEFAULT_LOCALE, isLocale, translator } from "~/i18n/i18n";

export { Heading2, Paragraph } from "~/components/nlds";

/** A version's heading line inside the history (an h3 under the history's h2). */
export function VersionHeading(props: HTMLAttributes<HTMLHeadingElement>) {
  return <h3 className="utrecht-heading-3 lauwer-bw-version" {...props} />;
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
