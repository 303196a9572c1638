import { getDb } from "~/db.server";
import { config } from "~/config.server";
import { listCandidateAddresses } from "~/modules/awards/candidates.server";
import { listEditionAddresses } from "~/modules/awards/edition.server";
import { listProjectSlugs } from "~/modules/book/project.server";
import { listPublishedPortraitAddresses } from "~/modules/book/public.server";

/** Public pages for search engines: awards, editions and candidate pages (only public candidates), book projects and published portraits. */
export async function loader() {
  const db = getDb();
  const [editions, candidates, projects, portraits] = await Promise.all([
    listEditionAddresses(db),
    listCandidateAddresses(db),
    listProjectSlugs(db),
    listPublishedPortraitAddresses(db),
  ]);
  const origin = config().origin;
  const urls = [
    `${origin}/`,
    ...editions.flatMap((e) => [`${origin}/prijzen/${e.slug}/${e.year}`, `${origin}/prijzen/${e.slug}/${e.year}/kandidaten`]),
    ...candidates.map((c) => `${origin}/prijzen/${c.slug}/${c.year}/kandidaten/${c.id}`),
    ...projects.flatMap((slug) => [`${origin}/boek/${slug}`, `${origin}/boek/${slug}/voordrachten`, `${origin}/boek/${slug}/portretten`]),
    ...portraits.map((p) => `${origin}/boek/${p.slug}/portretten/${p.proposal_id}`),
  ];
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n` +
    urls.map((u) => `  <url><loc>${u}</loc></url>`).join("\n") +
    `\n</urlset>\n`;
  return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
