import type { Locale } from "~/i18n/i18n";

interface GrantScopeColumns {
  award_nl: string | null;
  award_en: string | null;
  edition_award_nl: string | null;
  edition_award_en: string | null;
  edition_year: number | null;
  project_nl: string | null;
  project_en: string | null;
}

/** The human name of a grant's scope in the given language; null for platform-wide roles. */
export function scopeLabel(g: GrantScopeColumns, locale: Locale): string | null {
  const en = locale === "en";
  if (g.award_nl) return en ? g.award_en : g.award_nl;
  if (g.edition_award_nl) return `${en ? g.edition_award_en : g.edition_award_nl} ${g.edition_year}`;
  if (g.project_nl) return en ? g.project_en : g.project_nl;
  return null;
}
