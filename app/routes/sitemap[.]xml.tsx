import { getDb } from "~/db.server";
import { config } from "~/config.server";

/** Public pages for search engines: awards, editions and candidate pages (only public candidates), book projects and published portraits. */
export async function loader() {
  const db = getDb();
  const [editions, candidates, projects, portraits] = await Promise.all([
    db.selectFrom("edition as e").innerJoin("award as a", "a.id", "e.award_id").select(["a.slug", "e.year"]).execute(),
    db
      .selectFrom("nominee as n")
      .innerJoin("edition as e", "e.id", "n.edition_id")
      .innerJoin("award as a", "a.id", "e.award_id")
      .select(["a.slug", "e.year", "n.id"])
      .where("n.is_candidate", "=", true)
      .limit(45_000)
      .execute(),
    db.selectFrom("book_project").select("slug").execute(),
    db
      .selectFrom("book_assignment as b")
      .innerJoin("book_project as p", "p.id", "b.project_id")
      .select(["p.slug", "b.proposal_id"])
      .where("b.status", "=", "final")
      .where("b.published_at", "is not", null)
      .execute(),
  ]);
  const origin = config().origin;
  const urls = [
    `${origin}/`,
    ...editions.flatMap((e) => [`${origin}/prijzen/${e.slug}/${e.year}`, `${origin}/prijzen/${e.slug}/${e.year}/kandidaten`]),
    ...candidates.map((c) => `${origin}/prijzen/${c.slug}/${c.year}/kandidaten/${c.id}`),
    ...projects.flatMap((p) => [
      `${origin}/boek/${p.slug}`,
      `${origin}/boek/${p.slug}/voordrachten`,
      `${origin}/boek/${p.slug}/portretten`,
    ]),
    ...portraits.map((p) => `${origin}/boek/${p.slug}/portretten/${p.proposal_id}`),
  ];
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n` +
    urls.map((u) => `  <url><loc>${u}</loc></url>`).join("\n") +
    `\n</urlset>\n`;
  return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
