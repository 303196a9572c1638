import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth/guards.server";
import { requestReport } from "~/modules/privacy/requests.server";

/** Everything Lauwer holds about a request's person (AVG art. 15), as one JSON file; the download is recorded on the request and audited. */
export async function loader(args: LoaderFunctionArgs) {
  const g = await requireAdmin(args);
  const outcome = await requestReport(g.db, g.actor, args.params.request ?? "", true);
  if (!outcome.ok) throw new Response(outcome.status === 404 ? "Not Found" : "Conflict", { status: outcome.status });
  const { request, report } = outcome.value;
  return new Response(JSON.stringify({ request: { kind: request.kind, receivedOn: request.receivedOn }, ...report }, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="lauwer-privacyverzoek-${request.receivedOn}.json"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
