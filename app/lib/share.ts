import type { MetaArgs, MetaDescriptor } from "@remix-run/node";
import type { TFunction } from "i18next";
import { DEFAULT_LOCALE, isLocale, translator } from "~/i18n/i18n";

// Open Graph and Twitter card tags for pages that campaigns share (candidates, results, portraits).
// Crawlers read them from the server-rendered page and need absolute URLs: the loader passes the
// configured origin (APP_ORIGIN), the page's address comes from the location.

/** The default share image (public/og-image.png, drawn by scripts/og-image.mjs). */
export const SHARE_IMAGE = { path: "/og-image.png", width: 1200, height: 630 };

/** The translator for the visitor's language, read from the root loader's data as titleMeta does. */
export function metaTranslator(matches: MetaArgs["matches"]): { t: TFunction; locale: string } {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale;
  const l = isLocale(locale) ? locale : DEFAULT_LOCALE;
  return { t: translator(l), locale: l };
}

/** One line of at most `max` characters, cut at a word. */
export function summary(text: string, max = 200): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ") > max / 2 ? cut.lastIndexOf(" ") : cut.length)}…`;
}

export function shareMeta(args: {
  origin: string;
  pathname: string;
  locale: string;
  /** The page title (without " — Lauwer"). */
  title: string;
  description: string;
  imageAlt: string;
  type?: "website" | "article" | "profile";
}): MetaDescriptor[] {
  const url = new URL(args.pathname, args.origin).href;
  const image = new URL(SHARE_IMAGE.path, args.origin).href;
  return [
    { title: `${args.title} — Lauwer` },
    { name: "description", content: args.description },
    { tagName: "link", rel: "canonical", href: url },
    { property: "og:site_name", content: "Lauwer" },
    { property: "og:type", content: args.type ?? "website" },
    { property: "og:locale", content: args.locale === "en" ? "en_GB" : "nl_NL" },
    { property: "og:title", content: args.title },
    { property: "og:description", content: args.description },
    { property: "og:url", content: url },
    { property: "og:image", content: image },
    { property: "og:image:type", content: "image/png" },
    { property: "og:image:width", content: String(SHARE_IMAGE.width) },
    { property: "og:image:height", content: String(SHARE_IMAGE.height) },
    { property: "og:image:alt", content: args.imageAlt },
    { name: "twitter:card", content: "summary_large_image" },
    { name: "twitter:title", content: args.title },
    { name: "twitter:description", content: args.description },
    { name: "twitter:image", content: image },
    { name: "twitter:image:alt", content: args.imageAlt },
  ];
}
