import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { loadEdition } from "~/modules/awards/edition.server";
import { publishedSnapshot, versionParam } from "~/modules/results/public.server";

/** The exact published bytes: `sha256sum` of this download equals the hash on the results page. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const edition = await loadEdition(getDb(), params.award, params.year, context.locale);
  const published = await publishedSnapshot(getDb(), edition.id, versionParam(new URL(request.url)));
  if (!published) throw new Response("Not found", { status: 404 });
  return new Response(published.body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="uitslag-${edition.awardSlug}-${edition.year}-v${published.version}.json"`,
      "X-Content-SHA256": published.sha256,
      "Cache-Control": "public, max-age=300",
    },
  });
}
