import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { searchTerm } from "~/lib/query";
import { loadEdition } from "~/modules/awards/edition.server";
import { suggestCandidates } from "~/modules/awards/nomination.server";

/** Likely existing public candidates for a typed name (JSON for the nomination form). */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const edition = await loadEdition(getDb(), params.award, params.year, context.locale);
  const name = searchTerm(new URL(request.url).searchParams.get("naam"), 200);
  const rows = await suggestCandidates(getDb(), edition.id, name);
  // json(): fetched by the page itself (app/components/suggestions.tsx), not through the router.
  return json({
    suggestions: rows.map((r) => ({
      id: r.id,
      name: r.name,
      organisation: r.organisation,
      category: context.locale === "en" ? r.category_en : r.category_nl,
    })),
  });
}
