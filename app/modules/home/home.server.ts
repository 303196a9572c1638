import type { DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { latestEditionYear, loadEdition } from "~/modules/awards/edition.server";
import { hasPublishedResults } from "~/modules/results/public.server";
import { primaryAction, type PrimaryAction } from "./primary-action";

export async function listHomeContent(db: DbOrTrx) {
  const [awards, projects] = await Promise.all([
    db.selectFrom("award").select(["slug", "name_nl", "name_en", "description_nl", "description_en"]).orderBy("name_nl").execute(),
    db.selectFrom("book_project").select(["slug", "title_nl", "title_en"]).orderBy("title_nl").execute(),
  ]);
  return { awards, projects };
}

/**
 * Every award with its current edition (the one its address leads to) and that edition's task right
 * now (vote, nominate, see the results), for the home page's cards.
 */
export async function listAwardActions(db: DbOrTrx, locale: Locale): Promise<Map<string, { edition: string; action: PrimaryAction }>> {
  const awards = await db.selectFrom("award").select("slug").execute();
  const entries = await Promise.all(
    awards.map(async (a) => {
      const year = await latestEditionYear(db, a.slug);
      if (!year) return null;
      const edition = await loadEdition(db, a.slug, String(year), locale);
      const resultsPublished = await hasPublishedResults(db, edition.id);
      return [a.slug, { edition: edition.name, action: primaryAction({ ...edition, resultsPublished }) }] as const;
    }),
  );
  return new Map(entries.filter((e) => e !== null));
}
