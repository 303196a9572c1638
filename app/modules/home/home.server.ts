import { sql } from "kysely";
import type { DbOrTrx } from "~/db.server";

export async function listHomeContent(db: DbOrTrx) {
  const [awards, projects] = await Promise.all([
    db
      .selectFrom("award as a")
      .leftJoin("edition as e", "e.award_id", "a.id")
      .select([
        "a.slug",
        "a.name_nl",
        "a.name_en",
        sql<number[]>`coalesce(array_agg(e.year order by e.year desc) filter (where e.year is not null), '{}')`.as("years"),
      ])
      .groupBy(["a.id", "a.slug", "a.name_nl", "a.name_en"])
      .orderBy("a.name_nl")
      .execute(),
    db.selectFrom("book_project").select(["slug", "title_nl", "title_en"]).orderBy("title_nl").execute(),
  ]);
  return { awards, projects };
}
