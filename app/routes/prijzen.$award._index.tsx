import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { latestEditionYear } from "~/modules/awards/edition.server";

/** An award's address leads to its latest edition. */
export async function loader({ params }: LoaderFunctionArgs) {
  const year = await latestEditionYear(getDb(), params.award ?? "");
  if (!year) throw new Response("Not found", { status: 404 });
  return redirect(`/prijzen/${params.award}/${year}`);
}
