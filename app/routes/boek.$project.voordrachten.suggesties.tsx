import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { searchTerm } from "~/lib/query";
import { loadProject } from "~/modules/book/project.server";
import { suggestProposals } from "~/modules/book/proposal.server";

/** Existing live proposals of the project that look like the typed name (JSON for the proposal form). */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const project = await loadProject(getDb(), params.project, context.locale);
  const name = searchTerm(new URL(request.url).searchParams.get("naam"), 200);
  return json({ suggestions: await suggestProposals(getDb(), project.id, name) });
}
