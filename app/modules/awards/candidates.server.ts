import { sql } from "kysely";
import type { DbOrTrx } from "~/db.server";

export const PAGE_SIZE = 24;

/**
 * Public candidate list: only approved *and* consented nominees (is_candidate), never anyone else.
 * Search folds accents and case; trigram similarity ranks likely matches first.
 */
export async function listCandidates(
  db: DbOrTrx,
  editionId: string,
  { q, categoryId, page }: { q?: string; categoryId?: string; page: number },
) {
  let base = db.selectFrom("nominee as n").where("n.edition_id", "=", editionId).where("n.is_candidate", "=", true);
  if (categoryId) base = base.where("n.category_id", "=", categoryId);
  const term = q?.trim();
  if (term) {
    const like = `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`lauwer_fold(n.name) like lauwer_fold(${like})`,
        sql<boolean>`lauwer_fold(n.name) % lauwer_fold(${term})`,
        sql<boolean>`lauwer_fold(n.organisation) like lauwer_fold(${like})`,
      ]),
    );
  }
  const [rows, total] = await Promise.all([
    base
      .innerJoin("category as c", "c.id", "n.category_id")
      .select([
        "n.id",
        "n.name",
        "n.organisation",
        "c.name_nl as category_nl",
        "c.name_en as category_en",
        (eb) =>
          eb
            .selectFrom("nomination as m")
            .whereRef("m.nominee_id", "=", "n.id")
            .select((e) => e.fn.countAll<string>().as("n"))
            .as("nominations"),
      ])
      .$if(Boolean(term), (qb) => qb.orderBy(sql`similarity(lauwer_fold(n.name), lauwer_fold(${term ?? ""}))`, "desc"))
      .orderBy(sql`lauwer_fold(n.name)`)
      .orderBy("n.id")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, nominations: Number(r.nominations) })), total: Number(total.n) };
}

/** One candidate with the motivations of its nominations; undefined unless it is a public candidate. */
export async function getCandidate(db: DbOrTrx, editionId: string, nomineeId: string) {
  const nominee = await db
    .selectFrom("nominee as n")
    .innerJoin("category as c", "c.id", "n.category_id")
    .select(["n.id", "n.name", "n.organisation", "n.kind", "n.pitch", "n.story", "c.name_nl as category_nl", "c.name_en as category_en"])
    .where("n.id", "=", nomineeId)
    .where("n.edition_id", "=", editionId)
    .where("n.is_candidate", "=", true)
    .executeTakeFirst();
  if (!nominee) return undefined;
  const nominations = await db
    .selectFrom("nomination")
    .select(["id", "motivation", "created_at"])
    .where("nominee_id", "=", nomineeId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return { ...nominee, nominationCount: nominations.length, motivations: nominations.filter((m) => m.motivation !== "") };
}

/** The address parts (award slug, year, nominee id) of public candidates only, for the sitemap (at most 45,000). */
export function listCandidateAddresses(db: DbOrTrx) {
  return db
    .selectFrom("nominee as n")
    .innerJoin("edition as e", "e.id", "n.edition_id")
    .innerJoin("award as a", "a.id", "e.award_id")
    .select(["a.slug", "e.year", "n.id"])
    .where("n.is_candidate", "=", true)
    .limit(45_000)
    .execute();
}
