import type { DbOrTrx } from "~/db.server";

export async function listHomeContent(db: DbOrTrx) {
  const [awards, projects] = await Promise.all([
    db.selectFrom("award").select(["slug", "name_nl", "name_en", "description_nl", "description_en"]).orderBy("name_nl").execute(),
    db.selectFrom("book_project").select(["slug", "title_nl", "title_en"]).orderBy("title_nl").execute(),
  ]);
  return { awards, projects };
}
